package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.RenameConstraint;

/**
 * {@code rename_constraint}: a constraint's name is not part of any view, so the rename waits
 * for complete (a catalog change under a brief lock), as column and table renames do; the old
 * version keeps seeing the name it knows in its error messages until then. Rollback has nothing
 * to undo.
 */
final class RenameConstraintPlanner implements OperationPlanner<RenameConstraint> {

    @Override
    public void plan(RenameConstraint op, PlanContext plan) {
        TableModel table = plan.schema().require(op.table());
        plan.contract(new Step.Ddl("rename constraint " + Sql.ident(op.from()) + " of " + Sql.ident(table.physical())
                + " to " + Sql.ident(op.to()), "ALTER TABLE " + plan.qualified(table.physical())
                + " RENAME CONSTRAINT " + Sql.ident(op.from()) + " TO " + Sql.ident(op.to())));
    }
}
