package dev.tuesday.migrate.op;

/**
 * {@code drop_column}: the column disappears from the new version at start and physically at
 * complete. {@code down} (may be null) fills it, from the new columns, for rows the new version writes.
 */
public record DropColumn(String table, String column, String down) implements Operation {
    @Override
    public String kind() {
        return "drop_column";
    }
}
