package dev.tuesday.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuesday.migrate.MigrationStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The human form of {@code tuesday migrate status}. */
final class StatusText {

    private StatusText() {
    }

    static void print(MigrationStatus status, PrintWriter out) {
        out.println("schema: " + status.schema());
        if (status.chain().size() > 1) {
            out.println("in flight: " + status.chain().size() + " migrations, oldest first (complete contracts the"
                    + " first, rollback undoes the last)");
        }
        List<MigrationStatus.Active> chain = status.chain().isEmpty() ? status.active().stream().toList() : status.chain();
        for (MigrationStatus.Active a : chain) {
            out.println("active: " + a.name() + " (" + a.phase() + ", since " + a.startedAt() + ")");
            out.println("  version schema: " + a.versionSchema());
            for (MigrationStatus.Backfill b : a.backfills()) {
                String share = b.estimatedRows() > 0 && !b.done()
                        ? String.format(" (~%d%%)", Math.min(100, b.rows() * 100 / b.estimatedRows())) : "";
                out.println("  backfill " + b.table() + ": " + b.rows() + " rows in " + b.batches() + " batches"
                        + (b.done() ? ", done" : share));
            }
        }
        if (chain.isEmpty()) {
            out.println("active: none");
        }
        out.println("history:");
        if (status.history().isEmpty()) {
            out.println("  (none)");
        }
        for (MigrationStatus.Entry e : status.history()) {
            out.println("  " + e.name() + "  " + e.status() + "  " + e.versionSchema() + "  started " + e.startedAt()
                    + (e.completedAt() == null ? "" : "  ended " + e.completedAt()));
        }
    }

    /** {@code status --json}: the same facts, times as ISO-8601 strings. */
    static String json(MigrationStatus status) throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", status.schema());
        root.put("chain", status.chain().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("phase", a.phase());
            m.put("version_schema", a.versionSchema());
            return m;
        }).toList());
        root.put("active", status.active().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("phase", a.phase());
            m.put("version_schema", a.versionSchema());
            m.put("started_at", text(a.startedAt()));
            m.put("backfills", a.backfills().stream().map(b -> {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("table", b.table());
                bm.put("batches", b.batches());
                bm.put("rows", b.rows());
                bm.put("estimated_rows", b.estimatedRows());
                bm.put("done", b.done());
                return bm;
            }).toList());
            return m;
        }).orElse(null));
        List<Map<String, Object>> history = status.history().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("status", e.status());
            m.put("version_schema", e.versionSchema());
            m.put("checksum", e.checksum());
            m.put("started_at", text(e.startedAt()));
            m.put("completed_at", text(e.completedAt()));
            return m;
        }).toList();
        root.put("history", history);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
