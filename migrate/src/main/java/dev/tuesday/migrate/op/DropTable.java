package dev.tuesday.migrate.op;

/** {@code drop_table}: hidden from the new version at start, dropped at complete. */
public record DropTable(String name) implements Operation {
    @Override
    public String kind() {
        return "drop_table";
    }
}
