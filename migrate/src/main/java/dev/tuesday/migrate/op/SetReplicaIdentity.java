package dev.tuesday.migrate.op;

/**
 * {@code set_replica_identity}: {@code type} is one of {@code default}, {@code full},
 * {@code nothing}, {@code index}; {@code index} names the index for type {@code index}.
 */
public record SetReplicaIdentity(String table, String type, String index) implements Operation {
    @Override
    public String kind() {
        return "set_replica_identity";
    }
}
