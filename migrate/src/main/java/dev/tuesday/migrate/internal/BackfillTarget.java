package dev.tuesday.migrate.internal;

/**
 * A column the backfill fills on every existing row: {@code UPDATE table SET target = (expression)},
 * batch by batch. {@code expression} uses the physical (old version's) column names.
 */
public record BackfillTarget(String table, String target, String expression) {
}
