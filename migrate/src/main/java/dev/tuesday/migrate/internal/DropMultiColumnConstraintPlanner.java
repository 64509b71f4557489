package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.DropMultiColumnConstraint;

/**
 * {@code drop_multicolumn_constraint}: like {@link DropConstraintPlanner}, the constraint keeps
 * guarding both versions' writes until complete drops it, so the old version never reads a row
 * that breaks it; {@code up}/{@code down} have nothing to translate. Rollback has nothing to undo.
 */
final class DropMultiColumnConstraintPlanner implements OperationPlanner<DropMultiColumnConstraint> {

    @Override
    public void plan(DropMultiColumnConstraint op, PlanContext plan) {
        TableModel table = plan.schema().require(op.table());
        plan.contract(DropConstraintPlanner.dropAtComplete(plan, table, op.name()));
    }
}
