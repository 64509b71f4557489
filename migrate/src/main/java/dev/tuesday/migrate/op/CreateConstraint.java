package dev.tuesday.migrate.op;

import java.util.List;
import java.util.Map;

/**
 * {@code create_constraint} on existing columns: each column gets a shadow copy filled by
 * {@code up} (per column name), the constraint is built on the copies, and {@code down} maps back.
 * {@code check}, {@code indexParameters} and {@code references} may be null.
 */
public record CreateConstraint(String table, String name, ConstraintType type, List<String> columns, String check,
        boolean noInherit, IndexParameters indexParameters, TableForeignKeyReference references,
        Map<String, String> up, Map<String, String> down) implements Operation {
    public CreateConstraint {
        columns = List.copyOf(columns);
        up = Map.copyOf(up);
        down = Map.copyOf(down);
    }

    @Override
    public String kind() {
        return "create_constraint";
    }
}
