package dev.tuesday.migrate.schema;

import static dev.tuesday.migrate.schema.ValidationContext.problem;

import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.ConstraintType;
import dev.tuesday.migrate.op.ForeignKeyReference;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of validation several operations share: a column definition as {@code create_table}
 * and {@code add_column} check it, the constraints and indexes they add to the in-memory schema,
 * and the per-column {@code up}/{@code down} expressions of the constraint operations. Each
 * operation's own checks are in its record ({@link dev.tuesday.migrate.op.Operation#validate}).
 */
public final class SharedValidation {

    private SharedValidation() {
    }

    /** The column {@code c} as the in-memory schema records it (a primary key column is NOT NULL). */
    public static TableColumn tableColumn(Column c) {
        String generated = c.generated() == null ? null : c.generated().expression();
        String identity = c.generated() == null || c.generated().identity() == null ? null
                : c.generated().identity().userSpecifiedValues();
        return new TableColumn(c.name(), c.type(), c.nullable() && !c.pk(), c.defaultValue(), generated, identity,
                c.comment());
    }

    /**
     * The parts of a column definition beyond name and type, checked against {@code table} (which
     * already holds the column) inside {@code schema}: default, generation expression, check,
     * unique, foreign key. {@code prefix} locates the column in the file, e.g. {@code columns[2].}.
     */
    public static Table columnExtras(Column c, String prefix, Table table, Schema schema, ValidationContext checks) {
        checks.defaultValue(prefix + "default", c.defaultValue(), c.type());
        if (c.generated() != null && c.generated().expression() != null) {
            List<TableColumn> others = table.columns().stream().filter(o -> !o.name().equals(c.name())).toList();
            checks.value(prefix + "generated.expression", c.generated().expression(), table.name(), others, c.type());
        }
        if (c.check() != null) {
            ValidationContext.newConstraint(table, c.check().name());
            checks.condition(prefix + "check", c.check().constraint(), table.name(), table.columns());
            table = table.withConstraint(constraint(c.check().name(), ConstraintType.CHECK, List.of(c.name()), null,
                    List.of(), null));
        }
        if (c.unique()) {
            String name = defaultName(table.name(), c.name(), "key");
            table = withIndexed(table, name, ConstraintType.UNIQUE, List.of(c.name()));
        }
        if (c.references() != null) {
            ForeignKeyReference r = c.references();
            ValidationContext.newConstraint(table, r.name());
            Table target = r.table().equals(table.name()) ? table : checks.table(r.table());
            ValidationContext.column(target, r.column());
            table = table.withConstraint(constraint(r.name(), ConstraintType.FOREIGN_KEY, List.of(c.name()),
                    target.name(), List.of(r.column()), null));
        }
        return table;
    }

    /** A primary key, unique or exclusion constraint with the index PostgreSQL builds for it, of the same name. */
    public static Table withIndexed(Table table, String name, ConstraintType type, List<String> columns) {
        return table.withConstraint(constraint(name, type, columns, null, List.of(), name))
                .withIndex(new TableIndex(name, columns, List.of(), type != ConstraintType.EXCLUDE,
                        type == ConstraintType.PRIMARY_KEY, true, "btree", null, null));
    }

    /**
     * A constraint as the in-memory schema records one an operation adds.
     *
     * @param refTable the referenced table of a foreign key, else null
     * @param index the name of the index behind it, or null
     */
    public static TableConstraintInfo constraint(String name, ConstraintType type, List<String> columns,
            String refTable, List<String> refColumns, String index) {
        return new TableConstraintInfo(name, type, columns, null, null, refTable, refColumns, null, null, null, false,
                false, true, false, index);
    }

    /** PostgreSQL's name for an unnamed constraint: {@code <table>_<column>_<suffix>}, cut to 63 bytes. */
    static String defaultName(String table, String column, String suffix) {
        String name = table + "_" + column + "_" + suffix;
        return MigrationValidator.tooLong(name) ? name.substring(0, Math.min(name.length(), 63)) : name;
    }

    /**
     * {@code up} or {@code down} given per column: each key must be one of {@code columns}, and
     * each expression valid over a row of the table, as the column's type.
     */
    public static void expressions(String field, Map<String, String> byColumn, List<String> columns, Table table,
            ValidationContext checks) {
        // Sorted, so that of several wrong entries the same one is reported on every run.
        for (Map.Entry<String, String> e : new TreeMap<>(byColumn).entrySet()) {
            if (!columns.contains(e.getKey())) {
                throw problem(new ValidationProblem.InvalidField(field + "." + e.getKey(),
                        "names a column that is not one of the constraint's columns " + columns));
            }
            TableColumn column = ValidationContext.column(table, e.getKey());
            List<TableColumn> row = field.equals("up") ? checks.oldColumns(table) : table.columns();
            checks.value(field + "." + e.getKey(), e.getValue(), table.name(), row, column.type());
        }
    }
}
