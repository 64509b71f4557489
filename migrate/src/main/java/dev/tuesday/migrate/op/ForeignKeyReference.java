package dev.tuesday.migrate.op;

/**
 * A named single-column foreign key to {@code table(column)}. Actions are SQL words
 * ({@code NO ACTION} by default); {@code matchType} {@code SIMPLE} by default.
 */
public record ForeignKeyReference(String name, String table, String column, String matchType, String onDelete,
        String onUpdate, boolean deferrable, boolean initiallyDeferred) {
}
