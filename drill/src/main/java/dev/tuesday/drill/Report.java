package dev.tuesday.drill;

import dev.tuesday.common.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The drill report: one self-contained HTML file (no script, no network, no external font) with
 * a verdict table comparing the runs side by side, and per run a timeline chart — requests/s,
 * failures and p99 latency, with the phases shaded — the failures by kind and a few examples.
 *
 * <pre>{@code
 * Report.write(Path.of("release.html"), List.of(new NamedRun("tuesday", a), new NamedRun("naive", b)));
 * }</pre>
 */
public final class Report {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ISO_INSTANT;

    private Report() {
    }

    /**
     * Writes the report for {@code runs} (one or more, names unique) to {@code file}, replacing
     * it; creates the parent folders.
     *
     * @throws UncheckedIOException when the file cannot be written; its message names the file
     */
    public static void write(Path file, List<NamedRun> runs) {
        String html = render(runs);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }

    /** The report's HTML. */
    public static String render(List<NamedRun> runs) {
        Objects.requireNonNull(runs, "runs");
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
        Set<String> names = new HashSet<>();
        for (NamedRun run : runs) {
            if (!names.add(run.name())) {
                throw new IllegalArgumentException("two runs are named '" + run.name() + "'");
            }
        }
        long seconds = runs.stream().mapToLong(r -> r.result().timeline().size()).max().orElse(1);
        StringBuilder html = new StringBuilder(64_000);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Tuesday drill report: ").append(HtmlText.escape(String.join(" vs ", runs.stream().map(NamedRun::name).toList())))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>Tuesday drill report</h1>\n<p class=\"lead\">Open-loop load: requests leave on a fixed schedule "
                        + "whatever the answers, and latency counts from the scheduled send time, so a stall is charged "
                        + "to every request it delayed. Written rows are read back and compared: a lost or wrong row is a failure.</p>\n");
        html.append("<section>\n<h2>Verdict</h2>\n").append(VerdictTable.compare(runs)).append("</section>\n");
        for (int i = 0; i < runs.size(); i++) {
            NamedRun run = runs.get(i);
            DrillResult r = run.result();
            html.append("<section class=\"run\">\n<h2>").append(HtmlText.escape(run.name())).append("</h2>\n<p class=\"meta\">")
                    .append(HtmlText.escape(r.workload())).append(" workload against <code>")
                    .append(HtmlText.escape(r.target().toString())).append("</code> at ").append(r.rate())
                    .append(" requests/s for ").append(HtmlText.escape(Durations.format(r.duration())))
                    .append(", started ").append(WHEN.format(r.started())).append("</p>\n<figure>")
                    .append(TimelineChart.svg("chart-" + i, r, seconds)).append("</figure>\n")
                    .append(VerdictTable.details(r)).append("</section>\n");
        }
        html.append("<footer>Each second on the chart: <em>sent</em> and <em>failed</em> count the requests scheduled in "
                + "that second, <em>answered</em> the answers that arrived in it, p99 the latency of the requests "
                + "scheduled in it. Shaded bands are the phases marked during the run.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static final String STYLE = """
            :root { color-scheme: light; }
            body { margin: 0; background: #f6f8fa; color: #1f2328;
                   font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1000px; margin: 0 auto; padding: 24px; }
            h1 { font-size: 24px; margin: 0 0 8px; }
            h2 { font-size: 18px; margin: 0 0 8px; }
            section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 16px; margin: 16px 0; }
            .lead, .meta, footer { color: #57606a; }
            figure { margin: 8px 0; overflow-x: auto; }
            svg.timeline { display: block; max-width: 100%; height: auto; font-size: 11px; fill: #57606a; }
            svg.timeline .phase-label { font-size: 11px; font-weight: 600; fill: #24292f; }
            table { border-collapse: collapse; margin: 8px 0; }
            th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: right; }
            th:first-child, th.text, td.text { text-align: left; }
            thead th { background: #f6f8fa; }
            td.bad { color: #d1242f; font-weight: 600; }
            td.good { color: #1a7f37; font-weight: 600; }
            code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            """;
}
