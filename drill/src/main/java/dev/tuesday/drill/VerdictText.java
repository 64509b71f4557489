package dev.tuesday.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Verdicts as a plain-text table for the terminal, one column per run:
 *
 * <pre>
 *                        tuesday      naive
 * requests                 12000      12000
 * failed                       0        412
 *   5xx                        0        400
 * ...
 * </pre>
 */
public final class VerdictText {

    private VerdictText() {
    }

    /** The table, lines ending with {@code \n}. */
    public static String table(List<NamedRun> runs) {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[runs.size() + 1];
        header[0] = "";
        for (int i = 0; i < runs.size(); i++) {
            header[i + 1] = runs.get(i).name();
        }
        rows.add(header);
        add(rows, runs, "requests", v -> Long.toString(v.requests()));
        add(rows, runs, "failed", v -> Long.toString(v.failedTotal()));
        for (FailureKind kind : FailureKind.values()) {
            if (runs.stream().anyMatch(r -> r.result().verdict().failed(kind) > 0)) {
                add(rows, runs, "  " + kind.label(), v -> Long.toString(v.failed(kind)));
            }
        }
        add(rows, runs, "p50", v -> Millis.format(v.p50()));
        add(rows, runs, "p99", v -> Millis.format(v.p99()));
        add(rows, runs, "max", v -> Millis.format(v.max()));
        add(rows, runs, "longest failure run", v -> v.longestFailureRun().count() == 0 ? "none"
                : v.longestFailureRun().count() + " in " + Millis.format(v.longestFailureRun().duration()));
        if (runs.stream().anyMatch(r -> r.result().verdict().rowsWritten() > 0)) {
            add(rows, runs, "rows written", v -> Long.toString(v.rowsWritten()));
            add(rows, runs, "lost writes", v -> Long.toString(v.lostWrites()));
            add(rows, runs, "rows not verified", v -> Long.toString(v.unverified()));
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(String.format("%-" + widths[0] + "s", row[0]));
            for (int i = 1; i < row.length; i++) {
                out.append("  ").append(String.format("%" + widths[i] + "s", row[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void add(List<String[]> rows, List<NamedRun> runs, String label, Function<Verdict, String> value) {
        String[] row = new String[runs.size() + 1];
        row[0] = label;
        for (int i = 0; i < runs.size(); i++) {
            row[i + 1] = value.apply(runs.get(i).result().verdict());
        }
        rows.add(row);
    }
}
