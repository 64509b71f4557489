package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.schema.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table as the version being planned sees it: its visible name, its physical name and its
 * columns in order. Mutable while one migration is planned; planners change it so that each
 * operation sees the result of the ones before.
 */
public final class TableModel {

    private String name;
    private final String physical;
    private final List<ColumnModel> columns;
    private final List<String> primaryKey;
    private final List<Partition> partitions;

    /** A table named {@code name} (visible) stored as {@code physical}; {@code primaryKey} holds physical names. */
    public TableModel(String name, String physical, List<ColumnModel> columns, List<String> primaryKey) {
        this(name, physical, columns, primaryKey, null);
    }

    /**
     * A table as above; {@code partitions} are its partitions at every level, parents first, when
     * it is partitioned (null when it is not).
     */
    public TableModel(String name, String physical, List<ColumnModel> columns, List<String> primaryKey,
            List<Partition> partitions) {
        this.name = name;
        this.physical = physical;
        this.columns = new ArrayList<>(columns);
        this.primaryKey = List.copyOf(primaryKey);
        this.partitions = partitions == null ? null : List.copyOf(partitions);
    }

    /** Whether the table is partitioned: an index on it is built on each partition, then attached. */
    public boolean partitioned() {
        return partitions != null;
    }

    /** Its partitions at every level, parents first, as read before planning (empty when not partitioned). */
    public List<Partition> partitions() {
        return partitions == null ? List.of() : partitions;
    }

    /** The name the new version uses. */
    public String name() {
        return name;
    }

    /** Gives the table another visible name. */
    public void rename(String newName) {
        this.name = newName;
    }

    /** The table's name in the schema. */
    public String physical() {
        return physical;
    }

    /** The columns the new version sees, in order. */
    public List<ColumnModel> columns() {
        return List.copyOf(columns);
    }

    /** Physical names of the primary key columns (empty when there is none). */
    public List<String> primaryKey() {
        return primaryKey;
    }

    /** The column the new version calls {@code columnName}. */
    public Optional<ColumnModel> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The column the new version calls {@code columnName}; fails with a clear message when absent. */
    public ColumnModel require(String columnName) {
        return column(columnName).orElseThrow(() -> new IllegalArgumentException(
                "column " + Sql.ident(columnName) + " does not exist in table " + Sql.ident(name)));
    }

    /** Adds a column at the end. */
    public void add(ColumnModel column) {
        columns.add(column);
    }

    /** Replaces the column the new version calls {@code columnName}. */
    public void replace(String columnName, ColumnModel replacement) {
        columns.set(columns.indexOf(require(columnName)), replacement);
    }

    /** Hides the column from the new version (it stays in the table until complete). */
    public void remove(String columnName) {
        columns.remove(require(columnName));
    }
}
