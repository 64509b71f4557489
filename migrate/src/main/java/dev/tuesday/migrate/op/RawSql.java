package dev.tuesday.migrate.op;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;

/**
 * {@code sql}: raw statements, run at start (or at complete when {@code onComplete}).
 *
 * <h2>Plan</h2>
 *
 * <p>{@code sql}: statements run as given. By default {@code up} runs at start and {@code down} (when
 * given) at rollback; with {@code onComplete}, {@code up} runs at complete and there is nothing to
 * roll back. The SQL is opaque to the planner, so the new version's views cannot know what it
 * changes; tables it creates at start are given a {@code SELECT *} view in the new version schema
 * when the version schema is made (see {@code VersionSchemas.createAfterSql}), and so do columns
 * it adds to existing tables. The statements run with the migrated schema first in
 * {@code search_path}. Changes to existing columns belong in the dedicated operations (or in
 * {@code onComplete} SQL), where both versions keep working.
 */
public record RawSql(String up, String down, boolean onComplete) implements Operation {
    @Override
    public String kind() {
        return "sql";
    }

    /** Reads the body of a {@code sql} entry. */
    static RawSql read(FormatNode op) {
        op.object("up", "down", "onComplete");
        boolean onComplete = op.bool("onComplete", false);
        String down = op.optionalString("down");
        if (onComplete && down != null) {
            throw op.fail("\"down\" cannot be given with \"onComplete\": true (SQL run at complete is not undone)");
        }
        String up = op.requiredString("up");
        if (up.isBlank()) {
            throw op.fail("up", "must not be empty");
        }
        return new RawSql(up, down, onComplete);
    }

    /**
     * Changes nothing in the schema the validator knows: the SQL is opaque. (The validator stops
     * at a {@code sql} run at start, since it may change anything the operations after it use.)
     */
    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        return schema;
    }

    @Override
    public void plan(PlanContext plan) {
        if (up() == null || up().isBlank()) {
            throw new IllegalArgumentException("\"up\" must not be empty");
        }
        if (onComplete()) {
            plan.afterContract(Step.Ddl.scanning("run sql at complete", up()));
            return;
        }
        plan.expand(Step.Ddl.scanning("run sql", up()));
        if (down() != null && !down().isBlank()) {
            plan.rollback(new Step.Ddl("run sql down", down()));
        }
    }
}
