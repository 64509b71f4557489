package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.RawSql;

/**
 * {@code sql}: statements run as given. By default {@code up} runs at start and {@code down} (when
 * given) at rollback; with {@code onComplete}, {@code up} runs at complete and there is nothing to
 * roll back. The SQL is opaque to the planner, so the new version's views cannot know what it
 * changes; tables it creates at start are given a {@code SELECT *} view in the new version schema
 * when the version schema is made (see {@link VersionSchemas#createAfterSql}), and so do columns
 * it adds to existing tables. The statements run with the migrated schema first in
 * {@code search_path}. Changes to existing columns belong in the dedicated operations (or in
 * {@code onComplete} SQL), where both versions keep working.
 */
final class RawSqlPlanner implements OperationPlanner<RawSql> {

    @Override
    public void plan(RawSql op, PlanContext plan) {
        if (op.up() == null || op.up().isBlank()) {
            throw new IllegalArgumentException("\"up\" must not be empty");
        }
        if (op.onComplete()) {
            plan.afterContract(new Step.Ddl("run sql at complete", op.up()));
            return;
        }
        plan.expand(new Step.Ddl("run sql", op.up()));
        if (op.down() != null && !op.down().isBlank()) {
            plan.rollback(new Step.Ddl("run sql down", op.down()));
        }
    }
}
