package dev.tuesday.migrate.op;

import java.util.Map;

/** {@code drop_multicolumn_constraint}: {@code up}/{@code down} expressions per column name. */
public record DropMultiColumnConstraint(String table, String name, Map<String, String> up, Map<String, String> down)
        implements Operation {
    public DropMultiColumnConstraint {
        up = Map.copyOf(up);
        down = Map.copyOf(down);
    }

    @Override
    public String kind() {
        return "drop_multicolumn_constraint";
    }
}
