package dev.tuesday.lint;

/**
 * A column whose type a statement changed, as read from the catalog before and after it.
 *
 * @param table the table, schema-qualified
 * @param column the column
 * @param before the type before, as {@code format_type} prints it
 * @param after the type after
 */
public record ColumnChange(String table, String column, String before, String after) {}
