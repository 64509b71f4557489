package dev.tuesday.migrate.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import dev.tuesday.migrate.operations.OperationCase.Probe;
import dev.tuesday.migrate.operations.OperationCase.View;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 2, line 1: every operation type, and the notable variants of each, on PostgreSQL 14 and
 * 18, through the whole life of a migration: start → both versions' views have the right columns
 * and each version reads what the other wrote → rollback → the catalog is what it was before
 * start and the old version still reads every row → start again → complete → the physical schema
 * has its final shape and no helper column, trigger, function or old version schema is left.
 *
 * <p>The cases are a table ({@link TableCases}, {@link ColumnCases}, {@link ConstraintCases}):
 * adding an operation is adding a case.
 */
class EveryOperationTest {

    static Stream<Arguments> cases() {
        List<OperationCase> all = new ArrayList<>();
        all.addAll(TableCases.all());
        all.addAll(ColumnCases.all());
        all.addAll(ConstraintCases.all());
        return TestDatabases.versions().flatMap(pg -> all.stream().map(c -> Arguments.of(pg, c)));
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("cases")
    void startRollbackStartCompleteKeepsBothVersionsWorkingAndLeavesTheFinalShape(int pg, OperationCase c)
            throws SQLException {
        Database db = TestDatabases.fresh(pg);
        // Batches of one row, so the backfill walks its key (or ctid) across several batches.
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(1).build();
        m.start(Migrations.yaml("01_setup", c.setup()), true);
        if (!c.seed().isBlank()) {
            db.exec(c.seed());
        }
        List<String> before = db.catalog("public");
        DataSource oldVersion = db.dataSource(OperationCase.OLD);
        DataSource newVersion = db.dataSource(OperationCase.NEW);

        m.start(Migrations.yaml("02_change", c.change()));
        assertView(db, OperationCase.OLD, c.oldView());
        assertView(db, OperationCase.NEW, c.newView());
        if (c.oldWrite() != null) {
            exec(oldVersion, c.oldWrite());
        }
        if (c.newWrite() != null) {
            exec(newVersion, c.newWrite());
        }
        if (c.rejected() != null) {
            assertThatThrownBy(() -> exec(newVersion, c.rejected())).as("the new version's constraint refuses: "
                    + c.rejected()).isInstanceOf(SQLException.class);
        }
        assertProbe(oldVersion, "old version after start", c.oldRead());
        assertProbe(newVersion, "new version after start", c.newRead());

        m.rollback();
        assertThat(db.catalog("public")).as("catalog after rollback").isEqualTo(before);
        assertProbe(oldVersion, "old version after rollback", c.oldRead());

        m.start(Migrations.yaml("02_change", c.change()));
        m.complete();
        for (Probe p : c.finals()) {
            assertProbe(db.dataSource(), "physical schema after complete", p);
        }
        assertThat(withoutIndexColumns(db.catalog("public"))).as("no helper left after complete")
                .noneMatch(line -> line.contains("_tuesday"))
                .noneMatch(line -> line.startsWith("trg ") || line.startsWith("fn "))
                .doesNotContain("schema " + OperationCase.OLD).contains("schema " + OperationCase.NEW);
        assertView(db, OperationCase.NEW, c.newView());
    }

    /**
     * The catalog without the column names of indexes: an index built on a shadow column keeps the
     * shadow's name for its own attribute when complete renames the table's column (PostgreSQL does
     * not rename index attributes); {@code pg_get_indexdef} and every query see the table's name.
     */
    private static List<String> withoutIndexColumns(List<String> catalog) {
        List<String> indexes = catalog.stream().filter(l -> l.startsWith("rel ") && l.endsWith(" i"))
                .map(l -> l.substring(4, l.length() - 2)).toList();
        return catalog.stream().filter(l -> indexes.stream().noneMatch(i -> l.startsWith("col " + i + "."))).toList();
    }

    private static void assertView(Database db, String schema, View view) {
        String relation = quote(schema) + "." + quote(view.table());
        boolean exists = "t".equals(db.value(Catalog.exists(relation)));
        if (view.columns().isEmpty()) {
            assertThat(exists).as(relation + " must not exist").isFalse();
        } else {
            assertThat(exists).as(relation + " must exist").isTrue();
            assertThat(db.columns(schema, view.table())).as("columns of " + relation).containsExactlyElementsOf(view.columns());
        }
    }

    private static void assertProbe(DataSource ds, String when, Probe probe) {
        if (probe != null) {
            assertThat(rows(ds, probe.sql())).as(when + ": " + probe.sql()).containsExactlyElementsOf(probe.rows());
        }
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }
}
