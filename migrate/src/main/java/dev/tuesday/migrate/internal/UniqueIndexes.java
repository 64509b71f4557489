package dev.tuesday.migrate.internal;

/**
 * A unique constraint added without blocking writes: a unique index built {@code CONCURRENTLY}
 * once the column is backfilled, attached as a constraint at complete
 * ({@code ADD CONSTRAINT … UNIQUE USING INDEX}, a catalog change only).
 */
final class UniqueIndexes {

    private UniqueIndexes() {
    }

    /**
     * @param table physical table
     * @param column physical column during start
     * @param completeColumn the column's physical name at complete (unused by SQL; for messages)
     * @param name the constraint's (and index's) name
     */
    static void add(PlanContext plan, String table, String column, String completeColumn, String name) {
        String t = plan.qualified(table);
        plan.afterBackfill(new Step.Concurrently("build unique index " + Sql.ident(name) + " concurrently",
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + Sql.ident(name) + " ON " + t + " ("
                        + Sql.ident(column) + ")", plan.schema().name(), name));
        plan.contract(new Step.Ddl("attach unique constraint " + Sql.ident(name) + " on " + Sql.ident(completeColumn),
                "ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(name) + " UNIQUE USING INDEX " + Sql.ident(name)));
        plan.rollback(new Step.Ddl("drop unique index " + Sql.ident(name),
                "DROP INDEX IF EXISTS " + Sql.qualified(plan.schema().name(), name)));
    }
}
