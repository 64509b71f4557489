package dev.tuesday.migrate.internal;

/**
 * One assignment the sync trigger of a table makes while two versions run: when a row is written
 * through the version on {@code side}'s opposite, {@code target} (a physical column) is set to
 * {@code expression}, evaluated over the writing version's column names.
 *
 * @param table physical table name
 * @param target physical column written by the trigger
 * @param expression SQL over the writer's columns ({@code up} or {@code down}, run as given)
 * @param direction {@link Direction#UP}: rows written by the old version fill the new column;
 *        {@link Direction#DOWN}: rows written by the new version fill the old column
 */
public record SyncRule(String table, String target, String expression, Direction direction) {

    /** Which writer the rule serves. */
    public enum Direction {
        /** Written through the old version: compute the new shape. */
        UP,
        /** Written through the new version: compute the old shape. */
        DOWN
    }
}
