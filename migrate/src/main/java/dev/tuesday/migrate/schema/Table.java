package dev.tuesday.migrate.schema;

import dev.tuesday.migrate.op.ConstraintType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A table as the catalog describes it: columns in their order, primary key, constraints, indexes,
 * replica identity ({@code default}, {@code full}, {@code nothing} or {@code index}, the index then
 * being the one flagged in {@code indexes}: {@code replicaIdentityIndex}), comment, and the
 * planner's row estimate ({@code reltuples}; -1 when never analysed), and for a partitioned table
 * its partitions at every level, parents before their own ({@code partitions}, null for a plain
 * table). Immutable: the {@code with…}
 * methods return changed copies, which is how the validator applies an operation's effect, and
 * the planner too.
 *
 * <p>{@code physical} is the table's name in the schema. As read, it is {@code name}; while a
 * migration is planned, {@code name} is what the new version calls the table, which differs after
 * a {@code rename_table} until complete renames the table itself. The columns carry their own
 * physical names ({@link TableColumn}); the planner leaves the primary key as it was read or
 * created, so there it holds physical names.
 */
public record Table(String name, String physical, List<TableColumn> columns, List<String> primaryKey,
        List<TableConstraintInfo> constraints, List<TableIndex> indexes, String replicaIdentity,
        String replicaIdentityIndex, String comment, long estimatedRows, List<Partition> partitions) {

    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        partitions = partitions == null ? null : List.copyOf(partitions);
    }

    /** An empty table as {@code create_table} makes it, before its columns are added. */
    public static Table empty(String name) {
        return new Table(name, name, List.of(), List.of(), List.of(), List.of(), "default", null, null, 0, null);
    }

    /** Whether the table is partitioned (its rows live in {@link #partitions}). */
    public boolean partitioned() {
        return partitions != null;
    }

    /** The column of that exact name, if any. */
    public Optional<TableColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Whether a column has that exact name. */
    public boolean hasColumn(String columnName) {
        return column(columnName).isPresent();
    }

    /** The constraint of that exact name on this table, if any. */
    public Optional<TableConstraintInfo> constraint(String constraintName) {
        return constraints.stream().filter(c -> c.name().equals(constraintName)).findFirst();
    }

    /** The index of that exact name on this table, if any. */
    public Optional<TableIndex> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    /**
     * The columns a batched backfill can walk in order: the primary key, else the columns of a valid
     * unique index without expressions or predicate whose columns are all NOT NULL (the shortest
     * such index); empty when there is none, and the backfill must walk {@code ctid}.
     */
    public List<String> backfillKey() {
        if (!primaryKey.isEmpty()) {
            return primaryKey;
        }
        return indexes.stream()
                .filter(i -> i.unique() && i.valid() && i.predicate() == null && !i.hasExpressions())
                .filter(i -> i.columns().stream().allMatch(c -> column(c).map(col -> !col.nullable()).orElse(false)))
                .min((a, b) -> Integer.compare(a.columns().size(), b.columns().size()))
                .map(TableIndex::columns)
                .orElse(List.of());
    }

    /** This table under another name (where it is stored does not change). */
    public Table withName(String newName) {
        return new Table(newName, physical, columns, primaryKey, constraints, indexes, replicaIdentity,
                replicaIdentityIndex, comment, estimatedRows, partitions);
    }

    /** This table with {@code column} added at the end. */
    public Table withColumn(TableColumn column) {
        List<TableColumn> more = new ArrayList<>(columns);
        more.add(column);
        return new Table(name, physical, more, primaryKey, constraints, indexes, replicaIdentity, replicaIdentityIndex,
                comment, estimatedRows, partitions);
    }

    /** This table with the named column replaced by what {@code change} makes of it. */
    public Table withColumnChanged(String columnName, UnaryOperator<TableColumn> change) {
        List<TableColumn> changed = columns.stream().map(c -> c.name().equals(columnName) ? change.apply(c) : c)
                .toList();
        return new Table(name, physical, changed, primaryKey, constraints, indexes, replicaIdentity,
                replicaIdentityIndex, comment, estimatedRows, partitions);
    }

    /**
     * This table without the column, and without the constraints and indexes that used it (as
     * PostgreSQL drops them with the column).
     */
    public Table withoutColumn(String columnName) {
        return new Table(name, physical, columns.stream().filter(c -> !c.name().equals(columnName)).toList(),
                primaryKey.contains(columnName) ? List.of() : primaryKey,
                constraints.stream().filter(c -> !c.columns().contains(columnName)).toList(),
                indexes.stream().filter(i -> !i.columns().contains(columnName)
                        && !i.includeColumns().contains(columnName)).toList(),
                replicaIdentity, replicaIdentityIndex, comment, estimatedRows, partitions);
    }

    /**
     * This table as the new version sees it with the column hidden: the column stays in the
     * table, with what stands on it, until complete drops it.
     */
    public Table withColumnHidden(String columnName) {
        return new Table(name, physical, columns.stream().filter(c -> !c.name().equals(columnName)).toList(),
                primaryKey, constraints, indexes, replicaIdentity, replicaIdentityIndex, comment, estimatedRows,
                partitions);
    }

    /** This table with a column renamed everywhere it appears (key, constraints, indexes). */
    public Table withColumnRenamed(String from, String to) {
        UnaryOperator<String> rename = c -> Objects.equals(c, from) ? to : c;
        List<TableColumn> renamed = columns.stream().map(c -> c.name().equals(from) ? c.withName(to) : c).toList();
        List<TableConstraintInfo> renamedConstraints = constraints.stream()
                .map(c -> c.withColumns(map(c.columns(), rename),
                        Objects.equals(c.referencedTable(), name) ? map(c.referencedColumns(), rename)
                                : c.referencedColumns()))
                .toList();
        List<TableIndex> renamedIndexes = indexes.stream()
                .map(i -> i.withColumns(map(i.columns(), rename), map(i.includeColumns(), rename))).toList();
        return new Table(name, physical, renamed, map(primaryKey, rename), renamedConstraints, renamedIndexes,
                replicaIdentity, replicaIdentityIndex, comment, estimatedRows, partitions);
    }

    /** This table with another primary key (empty: none). */
    public Table withPrimaryKey(List<String> key) {
        return new Table(name, physical, columns, key, constraints, indexes, replicaIdentity, replicaIdentityIndex,
                comment, estimatedRows, partitions);
    }

    /** This table with {@code constraint} added. */
    public Table withConstraint(TableConstraintInfo constraint) {
        List<TableConstraintInfo> more = new ArrayList<>(constraints);
        more.add(constraint);
        return new Table(name, physical, columns, primaryKey, more, indexes, replicaIdentity, replicaIdentityIndex,
                comment, estimatedRows, partitions);
    }

    /** This table without the constraint (and the index behind it, if any). */
    public Table withoutConstraint(String constraintName) {
        Optional<TableConstraintInfo> dropped = constraint(constraintName);
        String index = dropped.map(TableConstraintInfo::index).orElse(null);
        boolean wasKey = dropped.map(c -> c.type() == ConstraintType.PRIMARY_KEY).orElse(false);
        return new Table(name, physical, columns, wasKey ? List.of() : primaryKey,
                constraints.stream().filter(c -> !c.name().equals(constraintName)).toList(),
                indexes.stream().filter(i -> !i.name().equals(index)).toList(),
                replicaIdentity, replicaIdentityIndex, comment, estimatedRows, partitions);
    }

    /** This table with a constraint renamed. */
    public Table withConstraintRenamed(String from, String to) {
        return new Table(name, physical, columns, primaryKey,
                constraints.stream().map(c -> c.name().equals(from) ? c.withName(to) : c).toList(), indexes,
                replicaIdentity, replicaIdentityIndex, comment, estimatedRows, partitions);
    }

    /** This table with {@code index} added. */
    public Table withIndex(TableIndex index) {
        List<TableIndex> more = new ArrayList<>(indexes);
        more.add(index);
        return new Table(name, physical, columns, primaryKey, constraints, more, replicaIdentity, replicaIdentityIndex,
                comment, estimatedRows, partitions);
    }

    /** This table without the named index. */
    public Table withoutIndex(String indexName) {
        return new Table(name, physical, columns, primaryKey, constraints,
                indexes.stream().filter(i -> !i.name().equals(indexName)).toList(), replicaIdentity,
                replicaIdentityIndex, comment, estimatedRows, partitions);
    }

    /** This table with another replica identity; {@code index} only for type {@code index}. */
    public Table withReplicaIdentity(String type, String index) {
        return new Table(name, physical, columns, primaryKey, constraints, indexes, type, index, comment, estimatedRows,
                partitions);
    }

    /** Foreign keys of this table that point at {@code schema.from} now point at {@code to}. */
    Table withReferencesRenamed(String schema, String from, String to) {
        return new Table(name, physical, columns, primaryKey,
                constraints.stream().map(c -> from.equals(c.referencedTable())
                        && (c.referencedSchema() == null || schema.equals(c.referencedSchema()))
                        ? c.withReferencedTable(to) : c).toList(),
                indexes, replicaIdentity, replicaIdentityIndex, comment, estimatedRows, partitions);
    }

    private static List<String> map(List<String> names, UnaryOperator<String> rename) {
        List<String> out = new ArrayList<>(names.size());
        names.forEach(n -> out.add(rename.apply(n)));
        return out;
    }
}
