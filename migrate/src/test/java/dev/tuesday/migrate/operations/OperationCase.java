package dev.tuesday.migrate.operations;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the every-operation table: a set-up migration (completed first), seed rows, the
 * migration under test, and what must hold while both versions run and after complete.
 *
 * <p>The old version runs on {@value #OLD}, the new one on {@value #NEW}. Each row is written as
 * its columns joined by {@code |}, SQL NULL as {@code null}.
 *
 * @param name what the case shows, for the test's display name
 * @param setup YAML of the first migration, started and completed before the case
 * @param seed SQL run on the physical tables after the set-up (may be empty)
 * @param change YAML of the migration under test
 * @param oldView the table the old version sees, with its columns
 * @param newView the table the new version sees, with its columns (no columns: it has none)
 * @param oldWrite SQL the old version runs after start (may be null)
 * @param newWrite SQL the new version runs after start (may be null)
 * @param rejected SQL the new version runs after start that its constraints must refuse (may be null)
 * @param oldRead what the old version reads after the writes, and again after rollback
 * @param newRead what the new version reads after the writes, and again after complete
 * @param finals what the physical schema holds after complete
 */
record OperationCase(String name, String setup, String seed, String change, View oldView, View newView,
        String oldWrite, String newWrite, String rejected, Probe oldRead, Probe newRead, List<Probe> finals) {

    /** The old version's schema: the set-up migration's version schema. */
    static final String OLD = "public_01_setup";
    /** The new version's schema. */
    static final String NEW = "public_02_change";

    /** A relation of a version schema and its columns in order; no columns means it must not exist. */
    record View(String table, List<String> columns) {
    }

    /** A query and the rows it must return, each as its columns joined by {@code |}. */
    record Probe(String sql, List<String> rows) {
    }

    static OperationCase of(String name, String setup, String seed, String change) {
        return new OperationCase(name, setup, seed, change, null, null, null, null, null, null, null, List.of());
    }

    OperationCase views(String oldTable, List<String> oldColumns, String newTable, List<String> newColumns) {
        return new OperationCase(name, setup, seed, change, new View(oldTable, oldColumns),
                new View(newTable, newColumns), oldWrite, newWrite, rejected, oldRead, newRead, finals);
    }

    OperationCase writes(String oldSql, String newSql) {
        return new OperationCase(name, setup, seed, change, oldView, newView, oldSql, newSql, rejected, oldRead,
                newRead, finals);
    }

    OperationCase rejects(String newSql) {
        return new OperationCase(name, setup, seed, change, oldView, newView, oldWrite, newWrite, newSql, oldRead,
                newRead, finals);
    }

    OperationCase oldReads(String sql, String... rows) {
        return new OperationCase(name, setup, seed, change, oldView, newView, oldWrite, newWrite, rejected,
                new Probe(sql, List.of(rows)), newRead, finals);
    }

    OperationCase newReads(String sql, String... rows) {
        return new OperationCase(name, setup, seed, change, oldView, newView, oldWrite, newWrite, rejected, oldRead,
                new Probe(sql, List.of(rows)), finals);
    }

    /** Adds a check of the physical schema after complete. */
    OperationCase afterComplete(String sql, String... rows) {
        List<Probe> all = new ArrayList<>(finals);
        all.add(new Probe(sql, List.of(rows)));
        return new OperationCase(name, setup, seed, change, oldView, newView, oldWrite, newWrite, rejected, oldRead,
                newRead, all);
    }

    @Override
    public String toString() {
        return name;
    }
}
