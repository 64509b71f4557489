package dev.tuesday.lint.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.AlterTable;
import dev.tuesday.lint.sql.Clauses.ColumnDef;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The actions of an {@code ALTER TABLE}, each as the operation that does it without breaking or
 * blocking the running version: a rename becomes {@code rename_column}/{@code rename_table}, an
 * added column {@code add_column}, a type, nullability or default change {@code alter_column}, an
 * added constraint {@code create_constraint}. Where the old and new shapes differ in data, the
 * {@code up}/{@code down} expressions are left for a person, with the obvious one as a hint.
 */
final class AlterTableConverter {

    private AlterTableConverter() {}

    static void convert(Statement s, AlterTable at, List<OperationBuilder> out) {
        for (Range r : at.actions()) {
            out.add(action(s, at, r));
        }
    }

    private static OperationBuilder action(Statement s, AlterTable at, Range r) {
        int a = r.from();
        int line = s.lineOf(a);
        if (s.is(a, "rename")) {
            return rename(s, at.table(), r, line);
        }
        if (s.is(a, "add")) {
            boolean column = s.is(a + 1, "column") || !s.matches(a + 1, "constraint|primary|unique|check|foreign|exclude");
            return column ? addColumn(s, at.table(), r, line) : addConstraint(s, at.table(), r, line);
        }
        if (s.is(a, "drop")) {
            return drop(s, at.table(), r, line);
        }
        if (s.is(a, "alter") && !s.is(a + 1, "constraint")) {
            return AlterColumnAction.convert(s, at.table(), r, line);
        }
        if (s.matches(a, "validate", "constraint")) {
            // VALIDATE takes SHARE UPDATE EXCLUSIVE: reads and writes go on while it scans.
            return new OperationBuilder(line, "sql").put("up", "ALTER TABLE " + at.qualified() + " "
                    + StatementText.source(s, r.from(), r.to()));
        }
        throw new NotConvertible("\"" + StatementText.source(s, r.from(), r.to())
                + "\" has no operation in the migration format");
    }

    private static OperationBuilder rename(Statement s, String table, Range r, int line) {
        int a = r.from();
        if (s.is(a + 1, "to")) {
            return new OperationBuilder(line, "rename_table").put("from", table)
                    .put("to", StatementText.name(s, a + 2, "the new table name"));
        }
        boolean constraint = s.is(a + 1, "constraint");
        int i = constraint || s.is(a + 1, "column") ? a + 2 : a + 1;
        String from = StatementText.name(s, i, "the name to rename");
        if (!s.is(i + 1, "to")) {
            throw new NotConvertible("RENAME without TO");
        }
        String to = StatementText.name(s, i + 2, "the new name");
        return new OperationBuilder(line, constraint ? "rename_constraint" : "rename_column").put("table", table)
                .put("from", from).put("to", to);
    }

    private static OperationBuilder addColumn(Statement s, String table, Range r, int line) {
        int i = s.is(r.from() + 1, "column") ? r.from() + 2 : r.from() + 1;
        if (s.matches(i, "if", "not", "exists")) {
            i += 3;
        }
        ColumnDef def = Clauses.columnDef(s, new Range(i, r.to()));
        if (def == null) {
            throw new NotConvertible("unreadable column definition");
        }
        ColumnClause column = ColumnClause.read(s, table, def);
        if (column.node().path("pk").asBoolean()) {
            throw new NotConvertible("adding a primary key column to a table with rows has no safe operation");
        }
        if (column.fillsEveryRow()) {
            throw new NotConvertible("a serial, identity or stored generated column fills every row under "
                    + "ACCESS EXCLUSIVE; add a plain column with add_column and an up expression, then its default");
        }
        OperationBuilder op = new OperationBuilder(line, "add_column").put("table", table);
        op.body().set("column", column.node());
        if (column.notNull() && !column.hasDefault()) {
            op.todo("up", "the value of " + def.name() + " for the rows already in " + table
                    + " and the rows the old version writes");
        }
        return op;
    }

    private static OperationBuilder addConstraint(Statement s, String table, Range r, int line) {
        TableConstraintClause c = TableConstraintClause.read(s, new Range(r.from() + 1, r.to()));
        List<String> columns = c.type().equals("check") ? CheckColumns.of(c.check()) : c.columns();
        OperationBuilder op = new OperationBuilder(line, "create_constraint").put("table", table)
                .put("name", c.nameOn(table)).put("type", c.type());
        ArrayNode list = op.body().putArray("columns");
        columns.forEach(list::add);
        if (c.check() != null) {
            op.put("check", c.check());
        }
        if (c.reference() != null) {
            c.reference().writeTableReference(op.body().putObject("references"));
        }
        for (String column : columns) {
            op.todo("up", column, "an expression over the old columns giving " + column
                    + " a value that satisfies the constraint, e.g. " + column);
        }
        for (String column : columns) {
            op.todo("down", column, "the value the old version reads for " + column + ", e.g. " + column);
        }
        return op;
    }

    private static OperationBuilder drop(Statement s, String table, Range r, int line) {
        int a = r.from();
        boolean constraint = s.is(a + 1, "constraint");
        if (!constraint && s.matches(a + 1, "not|default|identity|expression")) {
            throw new NotConvertible("DROP " + s.word(a + 1).toUpperCase(Locale.ROOT)
                    + " belongs to ALTER COLUMN");
        }
        int i = constraint || s.is(a + 1, "column") ? a + 2 : a + 1;
        if (s.matches(i, "if", "exists")) {
            i += 2;
        }
        String name = StatementText.name(s, i, constraint ? "the constraint's name" : "the column's name");
        if (s.is(i + 1, "cascade")) {
            throw new NotConvertible("CASCADE drops what depends on it too; drop those first, one operation each");
        }
        if (constraint) {
            return new OperationBuilder(line, "drop_constraint").put("table", table).put("name", name)
                    .todo("up", "the constrained column as the new version reads it, e.g. the column's name")
                    .todo("down", "the constrained column as the old version reads it, e.g. the column's name");
        }
        return new OperationBuilder(line, "drop_column").put("table", table).put("column", name)
                .todo("down", "the value the old version reads for " + name
                        + " in rows the new version writes, e.g. its default, or NULL when it is nullable");
    }
}
