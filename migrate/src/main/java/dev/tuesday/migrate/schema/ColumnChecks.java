package dev.tuesday.migrate.schema;

import static dev.tuesday.migrate.schema.Checks.problem;

import dev.tuesday.migrate.op.AddColumn;
import dev.tuesday.migrate.op.AlterColumn;
import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.ConstraintType;
import dev.tuesday.migrate.op.DropColumn;
import dev.tuesday.migrate.op.ForeignKeyReference;
import dev.tuesday.migrate.op.RenameColumn;
import java.util.List;

/** {@code add_column}, {@code drop_column}, {@code rename_column} and {@code alter_column}. */
final class ColumnChecks {

    private ColumnChecks() {
    }

    static Schema addColumn(AddColumn op, Schema schema, Checks checks) {
        Table table = checks.table(op.table());
        Column c = op.column();
        if (table.hasColumn(c.name())) {
            throw problem(new ValidationProblem.ColumnAlreadyExists(table.name(), c.name()));
        }
        Checks.newName(c.name());
        checks.type(c.name(), c.type());
        checks.value("up", op.up(), table.name(), checks.oldColumns(table), c.type());
        boolean filled = c.nullable() || c.defaultValue() != null || c.generated() != null || op.up() != null;
        if (!filled && !checks.createdHere(table.name())) {
            throw problem(new ValidationProblem.FieldRequired("up",
                    "for a NOT NULL column without a default: the rows already in the table need a value"));
        }
        Table changed = table.withColumn(TableChecks.tableColumn(c));
        changed = TableChecks.columnExtras(c, "column.", changed, schema, checks);
        return schema.withTable(changed);
    }

    static Schema dropColumn(DropColumn op, Schema schema, Checks checks) {
        Table table = checks.table(op.table());
        TableColumn column = Checks.column(table, op.column());
        Table changed = table.withoutColumn(column.name());
        checks.value("down", op.down(), table.name(), changed.columns(), column.type());
        return schema.withTable(changed);
    }

    static Schema renameColumn(RenameColumn op, Schema schema, Checks checks) {
        Table table = checks.table(op.table());
        Checks.column(table, op.from());
        if (table.hasColumn(op.to())) {
            throw problem(new ValidationProblem.ColumnAlreadyExists(table.name(), op.to()));
        }
        Checks.newName(op.to());
        return schema.withTable(table.withColumnRenamed(op.from(), op.to()));
    }

    static Schema alterColumn(AlterColumn op, Schema schema, Checks checks) {
        Table table = checks.table(op.table());
        TableColumn old = Checks.column(table, op.column());
        if (op.type() == null && op.nullable() == null && op.defaultValue() == null && op.comment() == null
                && op.check() == null && op.unique() == null && op.references() == null) {
            throw problem(new ValidationProblem.NothingToChange(table.name(), old.name()));
        }
        TableColumn changed = old;
        if (op.type() != null) {
            checks.type(old.name(), op.type());
            changed = changed.withType(op.type());
        }
        if (op.nullable() != null) {
            if (op.nullable() == old.nullable()) {
                throw problem(new ValidationProblem.AlreadySo(table.name(), old.name(),
                        old.nullable() ? "nullable" : "NOT NULL"));
            }
            if (!op.nullable() && op.up() == null) {
                throw problem(new ValidationProblem.FieldRequired("up",
                        "with nullable: false: it gives the rows holding NULL a value"));
            }
            changed = changed.withNullable(op.nullable());
        }
        if (op.defaultValue() != null) {
            checks.defaultValue("default", op.defaultValue().value(), changed.type());
            changed = changed.withDefault(op.defaultValue().value());
        }
        if (op.comment() != null) {
            changed = changed.withComment(op.comment().value());
        }
        TableColumn after = changed;
        Table shaped = table.withColumnChanged(old.name(), c -> after);
        checks.value("up", op.up(), table.name(), checks.oldColumns(table), after.type());
        checks.value("down", op.down(), table.name(), shaped.columns(), old.type());
        return schema.withTable(alterConstraints(op, shaped, schema, checks));
    }

    private static Table alterConstraints(AlterColumn op, Table table, Schema schema, Checks checks) {
        Table changed = table;
        if (op.check() != null) {
            Checks.newConstraint(changed, op.check().name());
            checks.condition("check", op.check().constraint(), table.name(), table.columns());
            changed = changed.withConstraint(TableChecks.constraint(op.check().name(), ConstraintType.CHECK,
                    List.of(op.column()), null, List.of(), null));
        }
        if (op.unique() != null) {
            Checks.newConstraint(changed, op.unique().name());
            checks.newRelation(schema.withTable(changed), op.unique().name());
            changed = TableChecks.withIndexed(changed, op.unique().name(), ConstraintType.UNIQUE, List.of(op.column()));
        }
        if (op.references() != null) {
            ForeignKeyReference r = op.references();
            Checks.newConstraint(changed, r.name());
            Table target = r.table().equals(table.name()) ? changed : checks.table(r.table());
            Checks.column(target, r.column());
            changed = changed.withConstraint(TableChecks.constraint(r.name(), ConstraintType.FOREIGN_KEY,
                    List.of(op.column()), target.name(), List.of(r.column()), null));
        }
        return changed;
    }
}
