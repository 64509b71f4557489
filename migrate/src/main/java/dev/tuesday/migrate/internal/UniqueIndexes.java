package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.schema.Table;
import java.util.List;

/**
 * A unique constraint added without blocking writes: a unique index built {@code CONCURRENTLY}
 * once the column is backfilled, attached as a constraint at complete
 * ({@code ADD CONSTRAINT … UNIQUE USING INDEX}, a catalog change only). Used by the plans of
 * {@code add_column} and {@code alter_column}.
 */
public final class UniqueIndexes {

    private UniqueIndexes() {
    }

    /**
     * Adds unique constraint {@code name} on one column of {@code table} to the plan.
     *
     * @param column physical column during start
     * @param completeColumn the column's physical name at complete (unused by SQL; for messages)
     * @param name the constraint's (and index's) name
     */
    public static void add(PlanContext plan, Table table, String column, String completeColumn, String name) {
        if (table.partitioned()) {
            // PostgreSQL wants the partition key in it, and one column cannot hold it.
            throw new IllegalArgumentException("a unique constraint on partitioned table "
                    + Sql.ident(table.name()) + " must include its partition key: use create_index with"
                    + " unique: true on the column and the partition key instead");
        }
        String t = plan.qualified(table.physical());
        IndexBuilds.build(plan, table, "build unique index " + Sql.ident(name) + " concurrently", true, name,
                "(" + Sql.ident(column) + ")", p -> IndexBuilds.choose(p.name(), List.of(completeColumn), "key"), true);
        plan.contract(new Step.Ddl("attach unique constraint " + Sql.ident(name) + " on " + Sql.ident(completeColumn),
                "ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(name) + " UNIQUE USING INDEX " + Sql.ident(name)));
        plan.rollback(new Step.Ddl("drop unique index " + Sql.ident(name),
                "DROP INDEX IF EXISTS " + Sql.qualified(plan.schema().name(), name)));
        // (A unique index is dropped with its shadow or new column anyway; this also covers a start that stopped.)
    }
}
