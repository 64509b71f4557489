package dev.tuesday.migrate.op;

/** {@code rename_constraint}. */
public record RenameConstraint(String table, String from, String to) implements Operation {
    @Override
    public String kind() {
        return "rename_constraint";
    }
}
