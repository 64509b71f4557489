package dev.tuesday.migrate.schema;

/**
 * A partition of a partitioned table, at any depth: {@code leaf} when it stores rows, else itself
 * partitioned. A partition may live in another schema than its parent, so each is named by both;
 * {@code parentSchema}.{@code parent} is the table it is a partition of (the partitioned table
 * itself for the first level).
 */
public record Partition(String schema, String name, String parentSchema, String parent, boolean leaf) {
}
