package dev.tuesday.migrate.op;

import java.util.List;

/**
 * {@code create_index}, built {@code CONCURRENTLY}. {@code method} defaults to btree;
 * {@code predicate} and {@code storageParameters} may be null.
 */
public record CreateIndex(String name, String table, List<IndexField> columns, String predicate, String method,
        String storageParameters, boolean unique) implements Operation {
    public CreateIndex {
        columns = List.copyOf(columns);
    }

    @Override
    public String kind() {
        return "create_index";
    }
}
