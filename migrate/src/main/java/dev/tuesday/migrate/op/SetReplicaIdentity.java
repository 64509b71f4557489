package dev.tuesday.migrate.op;

import static dev.tuesday.migrate.schema.ValidationContext.problem;

import dev.tuesday.common.Suggestions;
import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.ValidationProblem;
import java.util.List;
import java.util.Locale;

/**
 * {@code set_replica_identity}: {@code type} is one of {@code default}, {@code full},
 * {@code nothing}, {@code index}; {@code index} names the index for type {@code index}.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code set_replica_identity}: what logical decoding logs for updated and deleted rows. No
 * version reads it, so it is set at complete, where nothing has to be remembered to undo it;
 * rollback has nothing to undo. Type {@code index} names an index of the table (one the same
 * migration creates exists by then).
 */
public record SetReplicaIdentity(String table, String type, String index) implements Operation {

    private static final List<String> REPLICA_IDENTITIES = List.of("default", "full", "nothing", "index");

    @Override
    public String kind() {
        return "set_replica_identity";
    }

    /**
     * Reads the body of a {@code set_replica_identity} entry. The type is matched without regard to
     * case, as pgroll does; {@code index} is only required (and only allowed) for type {@code index},
     * where the specification asks for it always.
     */
    static SetReplicaIdentity read(FormatNode op) {
        op.object("table", "identity");
        FormatNode identity = op.required("identity").object("type", "index");
        FormatNode typeNode = identity.required("type");
        String type = typeNode.text().toLowerCase(Locale.ROOT);
        if (!REPLICA_IDENTITIES.contains(type)) {
            throw typeNode.fail("\"" + typeNode.text() + "\" is not one of " + String.join(", ", REPLICA_IDENTITIES)
                    + Suggestions.didYouMean(type, REPLICA_IDENTITIES));
        }
        String index = identity.optionalString("index");
        if (type.equals("index") && index == null) {
            throw identity.fail("missing required field \"index\" (the index to use for type index)");
        }
        if (!type.equals("index") && index != null) {
            throw identity.fail("index", "only type index takes an index, not type " + type);
        }
        return new SetReplicaIdentity(op.requiredString("table"), type, index);
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = checks.table(table());
        if (index() != null && table.index(index()).isEmpty()) {
            throw problem(new ValidationProblem.IndexNotFound(index()));
        }
        return schema.withTable(table.withReplicaIdentity(type(), index()));
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(table());
        String identity = switch (type().toLowerCase(Locale.ROOT)) {
            case "default" -> "DEFAULT";
            case "full" -> "FULL";
            case "nothing" -> "NOTHING";
            case "index" -> {
                if (index() == null || index().isBlank()) {
                    throw new IllegalArgumentException("replica identity type index needs the index's name");
                }
                yield "USING INDEX " + Sql.ident(index());
            }
            default -> throw new IllegalArgumentException("replica identity type \"" + type()
                    + "\" is not one of default, full, nothing, index");
        };
        plan.contract(new Step.Ddl("set replica identity of " + Sql.ident(table.physical()) + " to "
                + identity.toLowerCase(Locale.ROOT), "ALTER TABLE " + plan.qualified(table.physical())
                + " REPLICA IDENTITY " + identity));
    }
}
