package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.RenameColumn;

/**
 * {@code rename_column}: nothing physical at start — the new version's view shows the column
 * under its new name, so both versions write the same physical column and need no trigger.
 * Complete renames the column itself, after the migration's other complete steps (the remaining
 * view follows it: views bind to the column, not its name); rollback has nothing to undo.
 */
final class RenameColumnPlanner implements OperationPlanner<RenameColumn> {

    @Override
    public void plan(RenameColumn op, PlanContext plan) {
        TableModel table = plan.schema().require(op.table());
        ColumnModel column = table.require(op.from());
        if (table.column(op.to()).isPresent()) {
            throw new IllegalArgumentException("column " + Sql.ident(op.to()) + " already exists in table "
                    + Sql.ident(op.table()));
        }
        table.replace(op.from(), column.renamed(op.to()));
        // After the other complete steps: they name the column by its name before the rename.
        plan.contractRename(new Step.Ddl("rename column " + Sql.ident(column.completePhysical()) + " of "
                + Sql.ident(table.physical()) + " to " + Sql.ident(op.to()), "ALTER TABLE "
                + plan.qualified(table.physical()) + " RENAME COLUMN " + Sql.ident(column.completePhysical())
                + " TO " + Sql.ident(op.to())));
    }
}
