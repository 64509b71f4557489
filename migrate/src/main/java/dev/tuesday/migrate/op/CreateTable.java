package dev.tuesday.migrate.op;

import java.util.List;

/** {@code create_table}: a new table; {@code comment} may be null. */
public record CreateTable(String name, List<Column> columns, List<TableConstraint> constraints, String comment)
        implements Operation {
    public CreateTable {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
    }

    @Override
    public String kind() {
        return "create_table";
    }
}
