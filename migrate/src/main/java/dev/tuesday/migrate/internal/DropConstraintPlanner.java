package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.DropConstraint;

/**
 * {@code drop_constraint} (pgroll's single-column form): the old version relies on the
 * constraint, so it keeps guarding every write — from both versions — until complete drops it.
 * The new version's rows therefore always satisfy the old shape and {@code up}/{@code down} have
 * nothing to translate; they are accepted and not used. Rollback has nothing to undo.
 */
final class DropConstraintPlanner implements OperationPlanner<DropConstraint> {

    @Override
    public void plan(DropConstraint op, PlanContext plan) {
        TableModel table = plan.schema().require(op.table());
        plan.contract(dropAtComplete(plan, table, op.name()));
    }

    /** The complete step that drops constraint {@code name} of {@code table}. */
    static Step.Ddl dropAtComplete(PlanContext plan, TableModel table, String name) {
        return new Step.Ddl("drop constraint " + Sql.ident(name) + " of " + Sql.ident(table.physical()),
                "ALTER TABLE " + plan.qualified(table.physical()) + " DROP CONSTRAINT IF EXISTS " + Sql.ident(name));
    }
}
