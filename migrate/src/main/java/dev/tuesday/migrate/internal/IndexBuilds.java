package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.schema.Partition;
import dev.tuesday.migrate.schema.Table;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * An index built without blocking writes, once the backfill is done, on a plain or a partitioned
 * table. PostgreSQL cannot build an index on a partitioned table {@code CONCURRENTLY}; so there
 * the index is made on the parent alone ({@code ON ONLY}, invalid and empty: a catalog change), and
 * so on each partition that is partitioned again, built {@code CONCURRENTLY} on each leaf partition,
 * and each partition's index attached to its parent's; a parent's index turns valid with the last.
 * A partition created meanwhile gets its own copy from PostgreSQL, attached, so it is covered too.
 * Each step is safe to run again. Used by the plans of {@code create_index} and
 * {@code create_constraint} (and by {@link UniqueIndexes}).
 */
public final class IndexBuilds {

    private IndexBuilds() {
    }

    /**
     * Adds the build of index {@code name} of {@code table} to start, after the backfill.
     *
     * @param unique whether the index is unique
     * @param tail what follows the table in {@code CREATE INDEX}: {@code USING … (…) [INCLUDE …] [WITH …] [WHERE …]}
     * @param childName the name of a partition's index
     * @param onParent whether the partitioned table gets the index too; a carried key's partitions'
     *        indexes instead become their partitions' keys in the contract, which the key added
     *        again on the partitioned table adopts (PostgreSQL cannot attach one {@code USING INDEX} there)
     */
    public static void build(PlanContext plan, Table table, String description, boolean unique, String name,
            String tail, Function<Partition, String> childName, boolean onParent) {
        String schema = plan.schema().name();
        String create = "CREATE " + (unique ? "UNIQUE " : "") + "INDEX ";
        if (!table.partitioned()) {
            plan.afterBackfill(new Step.Concurrently(description, create + "CONCURRENTLY " + Sql.ident(name) + " ON "
                    + plan.qualified(table.physical()) + " " + tail, schema, name));
            return;
        }
        if (onParent) {
            plan.afterBackfill(new Step.Ddl(description + ": on the partitioned table alone", create + "IF NOT EXISTS "
                    + Sql.ident(name) + " ON ONLY " + plan.qualified(table.physical()) + " " + tail));
        }
        for (Partition partition : table.partitions()) {
            String child = childName.apply(partition);
            String on = Sql.qualified(partition.schema(), partition.name());
            if (partition.leaf()) {
                plan.afterBackfill(new Step.Concurrently(description + ": on partition " + on,
                        create + "CONCURRENTLY " + Sql.ident(child) + " ON " + on + " " + tail, partition.schema(), child));
            } else if (onParent) {
                // A partition partitioned again: its own index alone, which its partitions' attach to.
                plan.afterBackfill(new Step.Ddl(description + ": on partition " + on + " alone", create
                        + "IF NOT EXISTS " + Sql.ident(child) + " ON ONLY " + on + " " + tail));
            } else {
                // A key's: the key added again on the partitioned table makes it, adopting the leaves'.
                continue;
            }
            if (onParent) {
                boolean top = partition.parentSchema().equals(schema) && partition.parent().equals(table.physical());
                String parentIndex = top ? Sql.qualified(schema, name) : Sql.qualified(partition.parentSchema(),
                        childName.apply(parentOf(table, partition)));
                // The parent's index turns valid once every partition's is attached and valid.
                plan.afterBackfill(new Step.Ddl(description + ": attach the index of partition " + on,
                        "ALTER INDEX " + parentIndex + " ATTACH PARTITION " + Sql.qualified(partition.schema(), child)));
            }
        }
    }

    private static Partition parentOf(Table table, Partition partition) {
        return table.partitions().stream().filter(p -> p.schema().equals(partition.parentSchema())
                && p.name().equals(partition.parent())).findFirst().orElseThrow();
    }

    /** The step that drops index {@code name} of {@code table} (its partitions' with it), if it exists. */
    public static Step drop(String description, Table table, String schema, String name) {
        // A partitioned index cannot be dropped concurrently; dropping it is a catalog change.
        return table.partitioned() ? new Step.Ddl(description, "DROP INDEX IF EXISTS " + Sql.qualified(schema, name))
                : new Step.Concurrently(description, "DROP INDEX CONCURRENTLY IF EXISTS " + Sql.qualified(schema, name),
                        schema, name);
    }

    /**
     * The name PostgreSQL gives an index of {@code table} on {@code columns} when none is given
     * ({@code <table>_<columns>_<label>}, label {@code idx} or {@code key}, the longer part
     * shortened to fit 63 bytes), so a partition's index is named as plain DDL on the partitioned
     * table would name it.
     */
    public static String choose(String table, List<String> columns, String label) {
        String name1 = table;
        String name2 = String.join("_", columns);
        int avail = PlanContext.MAX_IDENTIFIER_BYTES - label.length() - 1 - (name2.isEmpty() ? 0 : 1);
        while (bytes(name1) + bytes(name2) > avail) {
            if (bytes(name1) > bytes(name2)) {
                name1 = name1.substring(0, name1.offsetByCodePoints(name1.length(), -1));
            } else {
                name2 = name2.substring(0, name2.offsetByCodePoints(name2.length(), -1));
            }
        }
        return name1 + (name2.isEmpty() ? "" : "_" + name2) + "_" + label;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
