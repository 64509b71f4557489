package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.SetReplicaIdentity;
import java.util.Locale;

/**
 * {@code set_replica_identity}: what logical decoding logs for updated and deleted rows. No
 * version reads it, so it is set at complete, where nothing has to be remembered to undo it;
 * rollback has nothing to undo. Type {@code index} names an index of the table (one the same
 * migration creates exists by then).
 */
final class SetReplicaIdentityPlanner implements OperationPlanner<SetReplicaIdentity> {

    @Override
    public void plan(SetReplicaIdentity op, PlanContext plan) {
        TableModel table = plan.schema().require(op.table());
        String identity = switch (op.type().toLowerCase(Locale.ROOT)) {
            case "default" -> "DEFAULT";
            case "full" -> "FULL";
            case "nothing" -> "NOTHING";
            case "index" -> {
                if (op.index() == null || op.index().isBlank()) {
                    throw new IllegalArgumentException("replica identity type index needs the index's name");
                }
                yield "USING INDEX " + Sql.ident(op.index());
            }
            default -> throw new IllegalArgumentException("replica identity type \"" + op.type()
                    + "\" is not one of default, full, nothing, index");
        };
        plan.contract(new Step.Ddl("set replica identity of " + Sql.ident(table.physical()) + " to "
                + identity.toLowerCase(Locale.ROOT), "ALTER TABLE " + plan.qualified(table.physical())
                + " REPLICA IDENTITY " + identity));
    }
}
