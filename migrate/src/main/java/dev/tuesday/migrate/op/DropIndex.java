package dev.tuesday.migrate.op;

/** {@code drop_index}, dropped {@code CONCURRENTLY} at complete. */
public record DropIndex(String name) implements Operation {
    @Override
    public String kind() {
        return "drop_index";
    }
}
