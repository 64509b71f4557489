package dev.tuesday.migrate.op;

/** {@code drop_constraint} (single-column form, deprecated in pgroll but accepted). */
public record DropConstraint(String table, String name, String up, String down) implements Operation {
    @Override
    public String kind() {
        return "drop_constraint";
    }
}
