package dev.tuesday.migrate.op;

/** {@code rename_column}: the new version sees {@code from} as {@code to}. */
public record RenameColumn(String table, String from, String to) implements Operation {
    @Override
    public String kind() {
        return "rename_column";
    }
}
