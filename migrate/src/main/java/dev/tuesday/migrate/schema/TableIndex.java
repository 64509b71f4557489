package dev.tuesday.migrate.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An index as the catalog describes it. {@code columns} are the key columns in order, with a
 * null element for each expression; {@code includeColumns} the {@code INCLUDE} ones.
 * {@code predicate} (of a partial index) is null for a full index; {@code definition} is
 * {@code pg_get_indexdef}. An index left invalid by a failed {@code CREATE INDEX CONCURRENTLY} has
 * {@code valid} false.
 */
public record TableIndex(String name, List<String> columns, List<String> includeColumns, boolean unique,
        boolean primary, boolean valid, String method, String predicate, String definition) {

    public TableIndex {
        // An expression element is a null, which List.copyOf refuses.
        columns = Collections.unmodifiableList(new ArrayList<>(columns));
        includeColumns = List.copyOf(includeColumns);
    }

    /** Whether some key element is an expression rather than a column. */
    public boolean hasExpressions() {
        return columns.contains(null);
    }

    /** The same index under another name. */
    public TableIndex withName(String newName) {
        return new TableIndex(newName, columns, includeColumns, unique, primary, valid, method, predicate, definition);
    }

    TableIndex withColumns(List<String> newColumns, List<String> newInclude) {
        return new TableIndex(name, newColumns, newInclude, unique, primary, valid, method, predicate, definition);
    }
}
