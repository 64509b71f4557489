package dev.tuesday.migrate.op;

import java.util.List;

/**
 * The referenced side of a multi-column foreign key. {@code onDeleteSetColumns} may be empty.
 */
public record TableForeignKeyReference(String table, List<String> columns, String matchType, String onDelete,
        String onUpdate, List<String> onDeleteSetColumns) {
    public TableForeignKeyReference {
        columns = List.copyOf(columns);
        onDeleteSetColumns = List.copyOf(onDeleteSetColumns);
    }
}
