package dev.tuesday.migrate.op;

/**
 * {@code alter_column}: one or more changes to a column, done on a shadow copy kept in sync by
 * {@code up} (old → new) and {@code down} (new → old). A null component means "not changed";
 * {@link Patch} tells "not given" (null) from "set to SQL NULL" ({@code Patch(null)}).
 */
public record AlterColumn(
        String table,
        String column,
        String type,
        Boolean nullable,
        Patch<String> defaultValue,
        Patch<String> comment,
        CheckConstraint check,
        UniqueConstraint unique,
        ForeignKeyReference references,
        String up,
        String down) implements Operation {

    @Override
    public String kind() {
        return "alter_column";
    }
}
