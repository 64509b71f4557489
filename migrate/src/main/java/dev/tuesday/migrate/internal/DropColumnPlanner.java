package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.DropColumn;

/**
 * {@code drop_column}: the new version's view no longer shows the column; rows the new version
 * writes get it from {@code down} (over the new version's columns) so the old version keeps
 * reading sensible values. Complete drops it physically; rollback has nothing to undo.
 */
final class DropColumnPlanner implements OperationPlanner<DropColumn> {

    @Override
    public void plan(DropColumn op, PlanContext plan) {
        TableModel table = plan.schema().require(op.table());
        ColumnModel column = table.require(op.column());
        table.remove(op.column());
        if (op.down() != null && !op.down().isBlank()) {
            plan.sync(new SyncRule(table.physical(), column.physical(), op.down(), SyncRule.Direction.DOWN));
        }
        plan.drops(table.physical(), column.physical());
        plan.contract(new Step.Ddl("drop column " + Sql.ident(column.physical()) + " of " + Sql.ident(table.physical()),
                "ALTER TABLE " + plan.qualified(table.physical()) + " DROP COLUMN IF EXISTS "
                        + Sql.ident(column.physical())));
    }
}
