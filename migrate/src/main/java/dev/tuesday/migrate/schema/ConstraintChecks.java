package dev.tuesday.migrate.schema;

import static dev.tuesday.migrate.schema.Checks.problem;

import dev.tuesday.migrate.op.ConstraintType;
import dev.tuesday.migrate.op.CreateConstraint;
import dev.tuesday.migrate.op.CreateIndex;
import dev.tuesday.migrate.op.DropIndex;
import dev.tuesday.migrate.op.DropMultiColumnConstraint;
import dev.tuesday.migrate.op.IndexField;
import dev.tuesday.migrate.op.RenameConstraint;
import dev.tuesday.migrate.op.SetReplicaIdentity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Indexes, constraints and replica identity. */
final class ConstraintChecks {

    private ConstraintChecks() {
    }

    static Schema createIndex(CreateIndex op, Schema schema, Checks checks) {
        Table table = checks.table(op.table());
        checks.newRelation(schema, op.name());
        List<String> columns = op.columns().stream().map(IndexField::column).toList();
        columns.forEach(c -> Checks.column(table, c));
        checks.condition("predicate", op.predicate(), table.name(), table.columns());
        return schema.withTable(table.withIndex(new TableIndex(op.name(), columns, List.of(), op.unique(), false, true,
                op.method(), op.predicate(), null)));
    }

    static Schema dropIndex(DropIndex op, Schema schema) {
        Table table = schema.tableOfIndex(op.name())
                .orElseThrow(() -> problem(new ValidationProblem.IndexNotFound(op.name())));
        table.constraints().stream().filter(c -> op.name().equals(c.index())).findFirst().ifPresent(c -> {
            throw problem(new ValidationProblem.InvalidField("name", "is the index of constraint \"" + c.name()
                    + "\" on table \"" + table.name() + "\": drop the constraint instead"));
        });
        return schema.withTable(table.withoutIndex(op.name()));
    }

    static Schema createConstraint(CreateConstraint op, Schema schema, Checks checks) {
        Table table = checks.table(op.table());
        Checks.newConstraint(table, op.name());
        op.columns().forEach(c -> Checks.column(table, c));
        expressions("up", op.up(), op.columns(), table, checks);
        expressions("down", op.down(), op.columns(), table, checks);
        String referenced = null;
        List<String> referencedColumns = List.of();
        switch (op.type()) {
            case CHECK -> checks.condition("check", op.check(), table.name(), table.columns());
            case FOREIGN_KEY -> {
                Table target = op.references().table().equals(table.name()) ? table
                        : checks.table(op.references().table());
                op.references().columns().forEach(c -> Checks.column(target, c));
                referenced = target.name();
                referencedColumns = op.references().columns();
            }
            case PRIMARY_KEY, UNIQUE -> {
                if (op.type() == ConstraintType.PRIMARY_KEY && !table.primaryKey().isEmpty()) {
                    throw problem(new ValidationProblem.InvalidField("type", "primary_key: table \"" + table.name()
                            + "\" already has a primary key"));
                }
                checks.newRelation(schema, op.name());
                if (op.indexParameters() != null) {
                    op.indexParameters().includeColumns().forEach(c -> Checks.column(table, c));
                }
                Table keyed = op.type() == ConstraintType.PRIMARY_KEY ? table.withPrimaryKey(op.columns()) : table;
                return schema.withTable(TableChecks.withIndexed(keyed, op.name(), op.type(), op.columns()));
            }
            default -> throw new IllegalStateException("create_constraint does not take " + op.type());
        }
        return schema.withTable(table.withConstraint(TableChecks.constraint(op.name(), op.type(), op.columns(),
                referenced, referencedColumns, null)));
    }

    static Schema dropConstraint(String tableName, String name, String up, String down, Schema schema, Checks checks) {
        Table table = checks.table(tableName);
        TableConstraintInfo constraint = constraint(table, name);
        String type = constraint.columns().isEmpty() ? null
                : table.column(constraint.columns().get(0)).map(TableColumn::type).orElse(null);
        checks.value("up", up, table.name(), table.columns(), type);
        checks.value("down", down, table.name(), table.columns(), type);
        return schema.withTable(table.withoutConstraint(name));
    }

    static Schema dropMultiColumnConstraint(DropMultiColumnConstraint op, Schema schema, Checks checks) {
        Table table = checks.table(op.table());
        TableConstraintInfo constraint = constraint(table, op.name());
        expressions("up", op.up(), constraint.columns(), table, checks);
        expressions("down", op.down(), constraint.columns(), table, checks);
        return schema.withTable(table.withoutConstraint(op.name()));
    }

    static Schema renameConstraint(RenameConstraint op, Schema schema, Checks checks) {
        Table table = checks.table(op.table());
        TableConstraintInfo constraint = constraint(table, op.from());
        Checks.newConstraint(table, op.to());
        if (constraint.index() != null) {
            // PostgreSQL renames the index behind the constraint too, and index names are schema-wide.
            checks.newRelation(schema, op.to());
        }
        return schema.withTable(table.withConstraintRenamed(op.from(), op.to()));
    }

    static Schema setReplicaIdentity(SetReplicaIdentity op, Schema schema, Checks checks) {
        Table table = checks.table(op.table());
        if (op.index() != null && table.index(op.index()).isEmpty()) {
            throw problem(new ValidationProblem.IndexNotFound(op.index()));
        }
        return schema.withTable(table.withReplicaIdentity(op.type(), op.index()));
    }

    private static TableConstraintInfo constraint(Table table, String name) {
        return table.constraint(name)
                .orElseThrow(() -> problem(new ValidationProblem.ConstraintNotFound(table.name(), name)));
    }

    /**
     * {@code up} or {@code down} given per column: each key must be one of {@code columns}, and
     * each expression valid over a row of the table, as the column's type.
     */
    private static void expressions(String field, Map<String, String> byColumn, List<String> columns, Table table,
            Checks checks) {
        // Sorted, so that of several wrong entries the same one is reported on every run.
        for (Map.Entry<String, String> e : new TreeMap<>(byColumn).entrySet()) {
            if (!columns.contains(e.getKey())) {
                throw problem(new ValidationProblem.InvalidField(field + "." + e.getKey(),
                        "names a column that is not one of the constraint's columns " + columns));
            }
            TableColumn column = Checks.column(table, e.getKey());
            List<TableColumn> row = field.equals("up") ? checks.oldColumns(table) : table.columns();
            checks.value(field + "." + e.getKey(), e.getValue(), table.name(), row, column.type());
        }
    }
}
