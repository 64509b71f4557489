package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.RawSql;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code sql}: statements run as given. By default {@code up} runs at start and {@code down} (when
 * given) at rollback; with {@code onComplete}, {@code up} runs at complete and there is nothing to
 * roll back. The SQL is opaque to the planner, so the new version's views cannot know what it
 * changes; tables it creates at start are given a {@code SELECT *} view in the new version schema
 * once start's other steps are done. Changes to existing tables belong in the dedicated operations
 * (or in {@code onComplete} SQL), where both versions keep working.
 */
final class RawSqlPlanner implements OperationPlanner<RawSql> {

    @Override
    public void plan(RawSql op, PlanContext plan) {
        if (op.up() == null || op.up().isBlank()) {
            throw new IllegalArgumentException("\"up\" must not be empty");
        }
        if (op.onComplete()) {
            plan.complete(new Step.Ddl("run sql at complete", op.up()));
            return;
        }
        plan.expand(new Step.Ddl("run sql", op.up()));
        if (op.down() != null && !op.down().isBlank()) {
            plan.rollback(new Step.Ddl("run sql down", op.down()));
        }
        plan.afterBackfill(new Step.Ddl("add views of the tables created by sql to " + Sql.ident(plan.versionSchema()),
                viewsOfNewTables(plan.schema().name(), plan.versionSchema(),
                        plan.schema().tables().stream().map(TableModel::physical).toList())));
    }

    /** A block that gives each table of {@code schema} not in {@code known} a view in {@code versionSchema}. */
    static String viewsOfNewTables(String schema, String versionSchema, List<String> known) {
        String knownList = known.stream().map(Sql::literal).collect(Collectors.joining(", "));
        return "DO $tuesday$\nDECLARE r record;\nBEGIN\n"
                + "  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
                + "    WHERE n.nspname = " + Sql.literal(schema) + " AND c.relkind IN ('r', 'p') AND NOT c.relispartition\n"
                + "      AND NOT (c.relname::text = ANY (ARRAY[" + knownList + "]::text[]))\n"
                + "      AND NOT EXISTS (SELECT 1 FROM pg_class v JOIN pg_namespace vn ON vn.oid = v.relnamespace\n"
                + "        WHERE vn.nspname = " + Sql.literal(versionSchema) + " AND v.relname = c.relname)\n"
                + "  LOOP\n"
                + "    EXECUTE format('CREATE VIEW %I.%I AS SELECT * FROM %I.%I', " + Sql.literal(versionSchema)
                + ", r.relname, " + Sql.literal(schema) + ", r.relname);\n"
                + "  END LOOP;\nEND\n$tuesday$";
    }
}
