package dev.tuesday.migrate.op;

/**
 * {@code add_column}: a column added beside the existing ones. {@code up} (may be null) is the SQL
 * expression, over the row's old columns, that fills the column for rows written by the old version.
 */
public record AddColumn(String table, Column column, String up) implements Operation {
    @Override
    public String kind() {
        return "add_column";
    }
}
