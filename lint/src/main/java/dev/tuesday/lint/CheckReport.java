package dev.tuesday.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of {@code tuesday check}: the check points run, and each query that failed at one.
 *
 * @param migration the migration file
 * @param queries how many queries were checked
 * @param searchPath the running version's search_path
 * @param points the check points run after the migration, in order
 * @param failures every failure, in check-point order
 */
public record CheckReport(String migration, int queries, String searchPath, List<CheckPoint> points,
        List<CheckFailure> failures) {

    /** Copies the lists. */
    public CheckReport {
        points = List.copyOf(points);
        failures = List.copyOf(failures);
    }

    /** Whether the running version breaks while it still runs: a failure not expected and not already there before. */
    public boolean breaksRunningVersion() {
        return failures.stream().anyMatch(f -> !f.expected() && f.point() != CheckPoint.BEFORE);
    }

    /** The failures of {@code point}. */
    public List<CheckFailure> in(CheckPoint point) {
        return failures.stream().filter(f -> f.point() == point).toList();
    }

    /** The report for people, or as JSON when {@code format} is {@link Format#JSON}. */
    public String render(Format format) {
        return format == Format.JSON ? json() : human();
    }

    private String human() {
        StringBuilder b = new StringBuilder();
        b.append("check: ").append(queries).append(queries == 1 ? " query" : " queries").append(" of the running version")
                .append(" (search_path ").append(searchPath).append(") against ").append(migration).append('\n');
        List<CheckFailure> before = in(CheckPoint.BEFORE);
        if (!before.isEmpty()) {
            b.append(before.size()).append(" already fail before the migration and are left out:\n");
            before.forEach(f -> line(b, f));
        }
        for (CheckPoint p : points) {
            List<CheckFailure> fs = in(p);
            if (fs.isEmpty()) {
                b.append(p.label()).append(": every query prepares\n");
                continue;
            }
            boolean expected = fs.stream().allMatch(CheckFailure::expected);
            b.append(p.label()).append(": ").append(fs.size()).append(fs.size() == 1 ? " query fails" : " queries fail")
                    .append(expected ? " (expected: the old version must be stopped before complete)" : "").append('\n');
            fs.forEach(f -> line(b, f));
        }
        b.append(breaksRunningVersion() ? "the running version breaks while it still runs\n"
                : "the running version keeps working while the migration runs\n");
        return b.toString();
    }

    private static void line(StringBuilder b, CheckFailure f) {
        b.append("  ").append(f.file()).append(':').append(f.line()).append(": ").append(f.query().strip().replaceAll("\\s+", " "))
                .append("\n    ").append(f.error()).append('\n');
    }

    private String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("migration", migration);
        root.put("queries", queries);
        root.put("searchPath", searchPath);
        root.put("breaksRunningVersion", breaksRunningVersion());
        ArrayNode arr = root.putArray("failures");
        for (CheckFailure f : failures) {
            arr.addObject().put("phase", f.point().name().toLowerCase(java.util.Locale.ROOT)).put("file", f.file())
                    .put("line", f.line()).put("query", f.query()).put("searchPath", f.searchPath())
                    .put("error", f.error()).put("sqlState", f.sqlState()).put("expected", f.expected());
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
