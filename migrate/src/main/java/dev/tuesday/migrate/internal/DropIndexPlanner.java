package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.DropIndex;

/**
 * {@code drop_index}: the old version may still depend on the index for its queries' speed, so it
 * stays until complete, which drops it {@code CONCURRENTLY} (no lock that blocks reads or
 * writes). Rollback has nothing to undo.
 */
final class DropIndexPlanner implements OperationPlanner<DropIndex> {

    @Override
    public void plan(DropIndex op, PlanContext plan) {
        String schema = plan.schema().name();
        plan.afterContract(new Step.Concurrently("drop index " + Sql.ident(op.name()) + " concurrently",
                "DROP INDEX CONCURRENTLY IF EXISTS " + Sql.qualified(schema, op.name()), schema, op.name()));
    }
}
