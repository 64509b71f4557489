package dev.tuesday.drill;

import java.util.List;
import java.util.function.Function;

/** The report's tables: verdicts side by side, and per run the failures by kind and examples. */
final class VerdictTable {

    private VerdictTable() {
    }

    /** One column per run, one row per figure; failures in red, zero failures in green. */
    static String compare(List<NamedRun> runs) {
        StringBuilder t = new StringBuilder("<table class=\"verdict\">\n<thead><tr><th></th>");
        for (NamedRun run : runs) {
            t.append("<th>").append(HtmlText.escape(run.name())).append("</th>");
        }
        t.append("</tr></thead>\n<tbody>\n");
        row(t, runs, "requests", v -> cell(HtmlText.count(v.requests()), ""));
        row(t, runs, "failed", v -> cell(HtmlText.count(v.failedTotal()), v.failedTotal() == 0 ? "good" : "bad"));
        for (FailureKind kind : FailureKind.values()) {
            if (runs.stream().anyMatch(r -> r.result().verdict().failed(kind) > 0)) {
                row(t, runs, "&nbsp;&nbsp;" + kind.label(), v -> cell(HtmlText.count(v.failed(kind)), v.failed(kind) == 0 ? "" : "bad"));
            }
        }
        row(t, runs, "p50", v -> cell(Millis.format(v.p50()), ""));
        row(t, runs, "p99", v -> cell(Millis.format(v.p99()), ""));
        row(t, runs, "max", v -> cell(Millis.format(v.max()), ""));
        row(t, runs, "longest failure run", v -> cell(v.longestFailureRun().count() == 0 ? "none"
                : HtmlText.count(v.longestFailureRun().count()) + (v.longestFailureRun().count() == 1 ? " request, " : " requests, ")
                        + Millis.format(v.longestFailureRun().duration()),
                v.longestFailureRun().count() == 0 ? "" : "bad"));
        if (runs.stream().anyMatch(r -> r.result().verdict().rowsWritten() > 0)) {
            row(t, runs, "rows written", v -> cell(HtmlText.count(v.rowsWritten()), ""));
            row(t, runs, "lost writes", v -> cell(HtmlText.count(v.lostWrites()), v.lostWrites() == 0 ? "good" : "bad"));
            row(t, runs, "rows not verified", v -> cell(HtmlText.count(v.unverified()), v.unverified() == 0 ? "" : "bad"));
        }
        return t.append("</tbody>\n</table>\n").toString();
    }

    /** Phases, failures by kind and a few failed requests of one run. */
    static String details(DrillResult r) {
        StringBuilder t = new StringBuilder();
        if (!r.spans().isEmpty()) {
            t.append("<table class=\"phases\"><thead><tr><th>phase</th><th>from</th><th>to</th></tr></thead><tbody>");
            for (Span p : r.spans()) {
                t.append("<tr><td class=\"text\">").append(HtmlText.escape(p.name())).append("</td><td>")
                        .append(HtmlText.num(java.time.Duration.between(r.started(), p.start()).toMillis() / 1000.0))
                        .append(" s</td><td>").append(HtmlText.num(java.time.Duration.between(r.started(), p.end()).toMillis() / 1000.0))
                        .append(" s</td></tr>");
            }
            t.append("</tbody></table>\n");
        }
        if (r.samples().isEmpty()) {
            return t.append("<p class=\"meta\">No request failed.</p>\n").toString();
        }
        t.append("<table class=\"samples\"><thead><tr><th>at</th><th class=\"text\">kind</th><th class=\"text\">request</th><th class=\"text\">what went wrong</th></tr></thead><tbody>");
        for (FailureSample s : r.samples()) {
            t.append("<tr><td>").append(HtmlText.num(s.offset().toMillis() / 1000.0)).append(" s</td><td class=\"text\">")
                    .append(s.kind().label()).append("</td><td class=\"text\"><code>").append(HtmlText.escape(s.request()))
                    .append("</code></td><td class=\"text\">").append(HtmlText.escape(s.detail())).append("</td></tr>");
        }
        return t.append("</tbody></table>\n").toString();
    }

    private static void row(StringBuilder t, List<NamedRun> runs, String label, Function<Verdict, String> cell) {
        t.append("<tr><th>").append(label).append("</th>");
        for (NamedRun run : runs) {
            t.append(cell.apply(run.result().verdict()));
        }
        t.append("</tr>\n");
    }

    private static String cell(String text, String cssClass) {
        return (cssClass.isEmpty() ? "<td>" : "<td class=\"" + cssClass + "\">") + HtmlText.escape(text) + "</td>";
    }
}
