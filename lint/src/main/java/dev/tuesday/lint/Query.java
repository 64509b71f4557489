package dev.tuesday.lint;

/**
 * One statement the running version executes.
 *
 * @param file where it was read
 * @param line its line there
 * @param sql the statement, with {@code $1}-style parameters
 */
public record Query(String file, int line, String sql) {}
