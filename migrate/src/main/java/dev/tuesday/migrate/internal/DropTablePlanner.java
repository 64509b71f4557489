package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.DropTable;

/**
 * {@code drop_table}: the new version schema has no view of the table, while the old version
 * keeps reading and writing it. Complete drops it (after the previous version schema, whose view
 * depends on it, is gone); rollback has nothing to undo, so every row written meanwhile is kept.
 */
final class DropTablePlanner implements OperationPlanner<DropTable> {

    @Override
    public void plan(DropTable op, PlanContext plan) {
        TableModel table = plan.schema().require(op.name());
        plan.schema().remove(op.name());
        plan.drops(table.physical(), null);
        plan.contract(new Step.Ddl("drop table " + Sql.ident(table.physical()),
                "DROP TABLE IF EXISTS " + plan.qualified(table.physical())));
    }
}
