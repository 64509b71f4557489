package dev.tuesday.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The verdicts as JSON, one object per run under the run's name, latencies in milliseconds:
 *
 * <pre>{@code
 * {"tuesday": {"requests": 12000, "failed": 0, "p50": 1.2, "p99": 8.4, "max": 31.0,
 *              "failed_by_kind": {}, "longest_failure_run": {"count": 0, "ms": 0.0},
 *              "rows_written": 3000, "lost_writes": 0, "unverified": 0},
 *  "naive":   {...}}
 * }</pre>
 */
public final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    /**
     * Writes the summary of {@code runs} to {@code file}, replacing it.
     *
     * @throws UncheckedIOException when the file cannot be written; its message names the file
     */
    public static void write(Path file, List<NamedRun> runs) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(runs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary " + file + ": " + e.getMessage(), e);
        }
    }

    /** The summary as JSON text. */
    public static String render(List<NamedRun> runs) {
        ObjectNode root = JSON.createObjectNode();
        for (NamedRun run : runs) {
            root.set(run.name(), verdict(run.result().verdict()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode verdict(Verdict v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("requests", v.requests());
        o.put("failed", v.failedTotal());
        o.put("p50", Millis.of(v.p50()));
        o.put("p99", Millis.of(v.p99()));
        o.put("max", Millis.of(v.max()));
        ObjectNode kinds = o.putObject("failed_by_kind");
        for (FailureKind kind : FailureKind.values()) {
            if (v.failed(kind) > 0) {
                kinds.put(kind.label(), v.failed(kind));
            }
        }
        ObjectNode run = o.putObject("longest_failure_run");
        run.put("count", v.longestFailureRun().count());
        run.put("ms", Millis.of(v.longestFailureRun().duration()));
        o.put("rows_written", v.rowsWritten());
        o.put("lost_writes", v.lostWrites());
        o.put("unverified", v.unverified());
        return o;
    }
}
