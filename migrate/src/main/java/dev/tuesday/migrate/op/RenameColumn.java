package dev.tuesday.migrate.op;

import static dev.tuesday.migrate.schema.ValidationContext.problem;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import dev.tuesday.migrate.schema.ValidationProblem;

/**
 * {@code rename_column}: the new version sees {@code from} as {@code to}.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code rename_column}: nothing physical at start — the new version's view shows the column
 * under its new name, so both versions write the same physical column and need no trigger.
 * Complete renames the column itself, after the migration's other complete steps (the remaining
 * view follows it: views bind to the column, not its name); rollback has nothing to undo.
 */
public record RenameColumn(String table, String from, String to) implements Operation {
    @Override
    public String kind() {
        return "rename_column";
    }

    /** Reads the body of a {@code rename_column} entry. */
    static RenameColumn read(FormatNode op) {
        op.object("table", "from", "to");
        return new RenameColumn(op.requiredString("table"), op.requiredString("from"), op.requiredString("to"));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = checks.table(table());
        ValidationContext.column(table, from());
        if (table.hasColumn(to())) {
            throw problem(new ValidationProblem.ColumnAlreadyExists(table.name(), to()));
        }
        ValidationContext.newName(to());
        return schema.withTable(table.withColumnRenamed(from(), to()));
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(table());
        TableColumn column = PlanContext.column(table, from());
        if (table.column(to()).isPresent()) {
            throw new IllegalArgumentException("column " + Sql.ident(to()) + " already exists in table "
                    + Sql.ident(table()));
        }
        plan.schema(plan.schema().withTable(table.withColumnChanged(from(), c -> c.withName(to()))));
        // After the other complete steps: they name the column by its name before the rename.
        plan.contractRename(new Step.Ddl("rename column " + Sql.ident(column.completePhysical()) + " of "
                + Sql.ident(table.physical()) + " to " + Sql.ident(to()), "ALTER TABLE "
                + plan.qualified(table.physical()) + " RENAME COLUMN " + Sql.ident(column.completePhysical())
                + " TO " + Sql.ident(to())));
    }
}
