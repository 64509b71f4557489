package dev.tuesday.lint.convert;

/**
 * A statement of the SQL file that has no safe operation: it is left out of the migration and
 * must be written by a person.
 *
 * @param line the 1-based line of the statement (or of its action)
 * @param statement the statement's first words, for the report
 * @param reason why it was not converted and what to do instead
 */
public record Unconverted(int line, String statement, String reason) {}
