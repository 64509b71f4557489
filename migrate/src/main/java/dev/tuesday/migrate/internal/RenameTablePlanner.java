package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.RenameTable;

/**
 * {@code rename_table}: nothing physical at start — the new version schema shows the table's view
 * under its new name, so both versions read and write the same table. Complete renames the table
 * itself, after every other complete step of the migration (they name the table by its old
 * physical name); the remaining view follows it, since views bind to the table, not its name.
 * Rollback has nothing to undo.
 */
final class RenameTablePlanner implements OperationPlanner<RenameTable> {

    @Override
    public void plan(RenameTable op, PlanContext plan) {
        TableModel table = plan.schema().require(op.from());
        if (plan.schema().table(op.to()).isPresent()) {
            throw new IllegalArgumentException("table " + Sql.ident(op.to()) + " already exists in schema "
                    + Sql.ident(plan.schema().name()));
        }
        table.rename(op.to());
        plan.contractLast(new Step.Ddl("rename table " + Sql.ident(table.physical()) + " to " + Sql.ident(op.to()),
                "ALTER TABLE " + plan.qualified(table.physical()) + " RENAME TO " + Sql.ident(op.to())));
    }
}
