package dev.tuesday.lint.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuesday.lint.Finding;
import dev.tuesday.lint.Format;
import dev.tuesday.lint.LintReport;
import dev.tuesday.lint.Measurement;
import dev.tuesday.lint.Severity;
import dev.tuesday.lint.TableLock;
import dev.tuesday.lint.rules.Rule;
import dev.tuesday.lint.rules.Rules;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a {@link LintReport} into text in each {@link Format}. */
public final class Renderers {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Renderers() {}

    /** {@code report} in {@code format}. */
    public static String render(LintReport report, Format format) {
        return switch (format) {
            case HUMAN -> human(report);
            case JSON -> write(json(report));
            case GITHUB -> github(report);
            case SARIF -> write(sarif(report));
        };
    }

    private static String human(LintReport report) {
        StringBuilder b = new StringBuilder();
        for (Finding f : report.findings()) {
            b.append(f.location()).append(": ").append(f.severity().label()).append(" [").append(f.rule()).append("] ")
                    .append(f.message()).append('\n');
            if (!f.fix().isEmpty()) {
                b.append("    fix: ").append(f.fix()).append('\n');
            }
            Measurement m = f.measurement();
            if (m != null) {
                b.append("    measured: ").append(describe(m)).append('\n');
            }
        }
        long breaking = count(report, Severity.BREAKING);
        long locking = count(report, Severity.LOCKING);
        long advice = count(report, Severity.ADVICE);
        b.append(report.files().size()).append(report.files().size() == 1 ? " file, " : " files, ")
                .append(breaking).append(" breaking, ").append(locking).append(" locking, ").append(advice)
                .append(" advice\n");
        return b.toString();
    }

    /** One line on what the scratch database showed. */
    public static String describe(Measurement m) {
        if (!m.measured() && m.locks().isEmpty()) {
            return m.notMeasured() + (m.rewrite() ? "; rewrote " + String.join(", ", m.rewritten()) : "");
        }
        String locks = m.locks().isEmpty() ? "no lock on an existing table"
                : m.locks().stream().map(TableLock::toString).collect(Collectors.joining(", "));
        return locks + "; " + (m.rewrite() ? "rewrote " + String.join(", ", m.rewritten()) : "no rewrite");
    }

    private static long count(LintReport r, Severity s) {
        return r.findings().stream().filter(f -> f.severity() == s).count();
    }

    private static ArrayNode json(LintReport report) {
        ArrayNode array = JSON.createArrayNode();
        for (Finding f : report.findings()) {
            ObjectNode o = array.addObject();
            o.put("rule", f.rule());
            o.put("severity", f.severity().label());
            o.put("file", f.file());
            o.put("line", f.line());
            o.put("message", f.message());
            o.put("fix", f.fix());
            Measurement m = f.measurement();
            if (m == null || (!m.measured() && m.locks().isEmpty() && !m.rewrite())) {
                o.putNull("locks");
                o.putNull("rewrite");
            } else {
                ArrayNode locks = o.putArray("locks");
                for (TableLock l : m.locks()) {
                    locks.addObject().put("relation", l.relation()).put("mode", l.mode());
                }
                o.put("rewrite", m.rewrite());
            }
        }
        return array;
    }

    private static String github(LintReport report) {
        StringBuilder b = new StringBuilder();
        for (Finding f : report.findings()) {
            String level = switch (f.severity()) {
                case BREAKING -> "error";
                case LOCKING -> "warning";
                case ADVICE -> "notice";
            };
            String text = f.message() + (f.fix().isEmpty() ? "" : ". Fix: " + f.fix())
                    + (f.measurement() != null ? ". Measured: " + describe(f.measurement()) : "");
            b.append("::").append(level).append(" file=").append(property(f.file())).append(",line=").append(f.line())
                    .append(",title=").append(property(f.rule() + " (" + f.severity().label() + ")")).append("::")
                    .append(data(text)).append('\n');
        }
        return b.toString();
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    private static ObjectNode sarif(LintReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "tuesday-lint");
        Set<String> used = new LinkedHashSet<>();
        report.findings().forEach(f -> used.add(f.rule()));
        ArrayNode rules = driver.putArray("rules");
        for (String id : used) {
            Rule r = Rules.byId(id);
            ObjectNode rule = rules.addObject();
            rule.put("id", id);
            rule.putObject("shortDescription").put("text", r == null ? id : r.summary());
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            ObjectNode res = results.addObject();
            res.put("ruleId", f.rule());
            res.put("level", switch (f.severity()) {
                case BREAKING -> "error";
                case LOCKING -> "warning";
                case ADVICE -> "note";
            });
            res.putObject("message").put("text", f.message() + (f.fix().isEmpty() ? "" : " Fix: " + f.fix()));
            ObjectNode loc = res.putArray("locations").addObject().putObject("physicalLocation");
            loc.putObject("artifactLocation").put("uri", f.file());
            loc.putObject("region").put("startLine", Math.max(1, f.line()));
            if (f.measurement() != null) {
                res.putObject("properties").put("measured", describe(f.measurement()));
            }
        }
        return root;
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
