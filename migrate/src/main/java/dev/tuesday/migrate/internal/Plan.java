package dev.tuesday.migrate.internal;

import java.util.List;

/**
 * Everything one migration does, decided before the first DDL runs: the steps of start (before
 * and after the backfill), what the backfill fills, and the steps complete and rollback will run.
 * Stored as JSON with the active migration, so complete and rollback need no re-planning.
 *
 * @param versionSchema the version schema start creates
 * @param previousVersionSchema the version schema complete drops, or null (first migration)
 * @param expand steps of start before the backfill, in order
 * @param backfill columns the backfill fills on existing rows
 * @param afterBackfill steps of start once every row is backfilled (constraint validation, indexes)
 * @param complete steps of complete, in order
 * @param rollback steps of rollback, in order
 */
public record Plan(String versionSchema, String previousVersionSchema, List<Step> expand,
        List<BackfillTarget> backfill, List<Step> afterBackfill, List<Step> complete, List<Step> rollback) {

    public Plan {
        expand = List.copyOf(expand);
        backfill = List.copyOf(backfill);
        afterBackfill = List.copyOf(afterBackfill);
        complete = List.copyOf(complete);
        rollback = List.copyOf(rollback);
    }

    /** The plan as text, one step a line: what {@code --dry-run} style output would print. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        expand.forEach(s -> out.append("start: ").append(s.description()).append('\n'));
        backfill.forEach(b -> out.append("backfill: ").append(Sql.ident(b.table())).append('.')
                .append(Sql.ident(b.target())).append(" = ").append(b.expression()).append('\n'));
        afterBackfill.forEach(s -> out.append("start: ").append(s.description()).append('\n'));
        complete.forEach(s -> out.append("complete: ").append(s.description()).append('\n'));
        rollback.forEach(s -> out.append("rollback: ").append(s.description()).append('\n'));
        return out.toString();
    }
}
