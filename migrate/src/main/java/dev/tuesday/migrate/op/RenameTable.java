package dev.tuesday.migrate.op;

/** {@code rename_table}. */
public record RenameTable(String from, String to) implements Operation {
    @Override
    public String kind() {
        return "rename_table";
    }
}
