package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tables of one schema as the version being planned sees them: made from the {@link Schema} read
 * before planning, then changed by each operation's plan in order. The version schema's views are
 * generated from the final state.
 */
public final class SchemaModel {

    private final String name;
    private final List<TableModel> tables;

    /** The planning view of {@code schema} as read from the catalog. */
    public static SchemaModel of(Schema schema) {
        List<TableModel> tables = new ArrayList<>();
        for (Table t : schema.tables().values()) {
            tables.add(new TableModel(t.name(), t.name(), t.columns().stream()
                    .map(c -> new ColumnModel(c.name(), c.name(), c.type(), c.nullable(), c.defaultValue())).toList(),
                    t.primaryKey(), t.partitions()));
        }
        return new SchemaModel(schema.name(), tables);
    }

    /** The schema {@code name} holding {@code tables}. */
    public SchemaModel(String name, List<TableModel> tables) {
        this.name = name;
        this.tables = new ArrayList<>(tables);
    }

    /** The schema's name (e.g. {@code public}). */
    public String name() {
        return name;
    }

    /** The tables the new version sees. */
    public List<TableModel> tables() {
        return List.copyOf(tables);
    }

    /** The table the new version calls {@code tableName}. */
    public Optional<TableModel> table(String tableName) {
        return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
    }

    /** The table the new version calls {@code tableName}; fails with a clear message when absent. */
    public TableModel require(String tableName) {
        return table(tableName).orElseThrow(() -> new IllegalArgumentException(
                "table " + Sql.ident(tableName) + " does not exist in schema " + Sql.ident(name)));
    }

    /** Adds a table the migration creates. */
    public void add(TableModel table) {
        tables.add(table);
    }

    /** Hides a table from the new version. */
    public void remove(String tableName) {
        tables.remove(require(tableName));
    }
}
