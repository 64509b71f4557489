package dev.tuesday.migrate.schema;

import static dev.tuesday.migrate.schema.Checks.problem;

import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.ConstraintType;
import dev.tuesday.migrate.op.CreateTable;
import dev.tuesday.migrate.op.ForeignKeyReference;
import dev.tuesday.migrate.op.RenameTable;
import dev.tuesday.migrate.op.TableConstraint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code create_table} and {@code rename_table}, and the column definitions they share with {@code add_column}. */
final class TableChecks {

    private TableChecks() {
    }

    static Schema createTable(CreateTable op, Schema schema, Checks checks) {
        checks.newRelation(schema, op.name());
        Table table = Table.empty(op.name());
        Set<String> names = new HashSet<>();
        for (Column c : op.columns()) {
            if (!names.add(c.name())) {
                throw problem(new ValidationProblem.ColumnAlreadyExists(op.name(), c.name()));
            }
            Checks.newName(c.name());
            checks.type(c.name(), c.type());
            table = table.withColumn(tableColumn(c));
        }
        List<String> key = op.columns().stream().filter(Column::pk).map(Column::name).toList();
        table = table.withPrimaryKey(key);
        if (!key.isEmpty()) {
            table = withIndexed(table, op.name() + "_pkey", ConstraintType.PRIMARY_KEY, key);
        }
        for (int i = 0; i < op.columns().size(); i++) {
            table = columnExtras(op.columns().get(i), "columns[" + i + "].", table, schema.withTable(table), checks);
        }
        for (int i = 0; i < op.constraints().size(); i++) {
            table = tableConstraint(op.constraints().get(i), "constraints[" + i + "].", table, schema, checks);
        }
        checks.created(op.name());
        return schema.withTable(table);
    }

    static Schema renameTable(RenameTable op, Schema schema, Checks checks) {
        checks.table(op.from());
        checks.newRelation(schema, op.to());
        checks.renamed(op.from(), op.to());
        return schema.withTableRenamed(op.from(), op.to());
    }

    static TableColumn tableColumn(Column c) {
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
    static Table columnExtras(Column c, String prefix, Table table, Schema schema, Checks checks) {
        checks.defaultValue(prefix + "default", c.defaultValue(), c.type());
        if (c.generated() != null && c.generated().expression() != null) {
            List<TableColumn> others = table.columns().stream().filter(o -> !o.name().equals(c.name())).toList();
            checks.value(prefix + "generated.expression", c.generated().expression(), table.name(), others, c.type());
        }
        if (c.check() != null) {
            Checks.newConstraint(table, c.check().name());
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
            Checks.newConstraint(table, r.name());
            Table target = r.table().equals(table.name()) ? table : checks.table(r.table());
            Checks.column(target, r.column());
            table = table.withConstraint(constraint(r.name(), ConstraintType.FOREIGN_KEY, List.of(c.name()),
                    target.name(), List.of(r.column()), null));
        }
        return table;
    }

    private static Table tableConstraint(TableConstraint c, String prefix, Table table, Schema schema, Checks checks) {
        Checks.newConstraint(table, c.name());
        c.columns().forEach(col -> Checks.column(table, col));
        String referenced = null;
        List<String> referencedColumns = List.of();
        switch (c.type()) {
            case CHECK -> checks.condition(prefix + "check", c.check(), table.name(), table.columns());
            case FOREIGN_KEY -> {
                Table target = c.references().table().equals(table.name()) ? table : checks.table(c.references().table());
                c.references().columns().forEach(col -> Checks.column(target, col));
                referenced = target.name();
                referencedColumns = c.references().columns();
            }
            case PRIMARY_KEY, UNIQUE, EXCLUDE -> {
                checks.newRelation(schema.withTable(table), c.name());
                if (c.indexParameters() != null) {
                    c.indexParameters().includeColumns().forEach(col -> Checks.column(table, col));
                }
                if (c.exclude() != null) {
                    checks.condition(prefix + "exclude.predicate", c.exclude().predicate(), table.name(),
                            table.columns());
                }
            }
        }
        Table changed = c.type() == ConstraintType.PRIMARY_KEY ? table.withPrimaryKey(c.columns()) : table;
        boolean indexed = c.type() == ConstraintType.PRIMARY_KEY || c.type() == ConstraintType.UNIQUE
                || c.type() == ConstraintType.EXCLUDE;
        if (indexed) {
            return withIndexed(changed, c.name(), c.type(), c.columns());
        }
        return changed.withConstraint(constraint(c.name(), c.type(), c.columns(), referenced, referencedColumns, null));
    }

    /** A primary key, unique or exclusion constraint with the index PostgreSQL builds for it, of the same name. */
    static Table withIndexed(Table table, String name, ConstraintType type, List<String> columns) {
        return table.withConstraint(constraint(name, type, columns, null, List.of(), name))
                .withIndex(new TableIndex(name, columns, List.of(), type != ConstraintType.EXCLUDE,
                        type == ConstraintType.PRIMARY_KEY, true, "btree", null, null));
    }

    static TableConstraintInfo constraint(String name, ConstraintType type, List<String> columns, String refTable,
            List<String> refColumns, String index) {
        return new TableConstraintInfo(name, type, columns, null, null, refTable, refColumns, null, null, null, false,
                false, true, false, index);
    }

    /** PostgreSQL's name for an unnamed constraint: {@code <table>_<column>_<suffix>}, cut to 63 bytes. */
    static String defaultName(String table, String column, String suffix) {
        String name = table + "_" + column + "_" + suffix;
        return MigrationValidator.tooLong(name) ? name.substring(0, Math.min(name.length(), 63)) : name;
    }
}
