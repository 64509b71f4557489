package dev.tuesday.migrate.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory picture of one PostgreSQL schema: its tables by name (in name order as read), and
 * the names of its other relations (views, sequences, ...), which share one name space with tables
 * and indexes. Immutable; {@link #withTable} and {@link #withoutTable} return changed copies.
 * Names are exact: {@code "Users"} and {@code users} are two tables, as in PostgreSQL.
 *
 * <p>The validator and the planner both start from the schema as read and apply each operation
 * to it in turn; the planner's copy ends as the new version sees the schema, each table and
 * column also knowing where it is stored ({@link Table#physical()}, {@link TableColumn#physical()}),
 * and the version schema's views are made from it. Tables keep the order they were read in,
 * those a migration creates coming last.
 */
public record Schema(String name, Map<String, Table> tables, Set<String> otherRelations) {

    public Schema {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        otherRelations = Collections.unmodifiableSet(new LinkedHashSet<>(otherRelations));
    }

    /** A schema with no tables (e.g. one that {@code create_table} will fill). */
    public static Schema empty(String name) {
        return new Schema(name, Map.of(), Set.of());
    }

    /** The table of that exact name, if any. */
    public Optional<Table> table(String tableName) {
        return Optional.ofNullable(tables.get(tableName));
    }

    /** The table stored as {@code physical}, whatever it is called now, if any. */
    public Optional<Table> tableStoredAs(String physical) {
        return tables.values().stream().filter(t -> t.physical().equals(physical)).findFirst();
    }

    /** The table holding the named index, if any. */
    public Optional<Table> tableOfIndex(String indexName) {
        return tables.values().stream().filter(t -> t.index(indexName).isPresent()).findFirst();
    }

    /** Whether a table, index or other relation of this schema is called {@code relationName}. */
    public boolean relationExists(String relationName) {
        return tables.containsKey(relationName) || otherRelations.contains(relationName)
                || tableOfIndex(relationName).isPresent();
    }

    /** This schema with {@code table} added, or replacing the table of the same name. */
    public Schema withTable(Table table) {
        Map<String, Table> copy = new LinkedHashMap<>(tables);
        copy.put(table.name(), table);
        return new Schema(name, copy, otherRelations);
    }

    /** This schema without the named table. */
    public Schema withoutTable(String tableName) {
        Map<String, Table> copy = new LinkedHashMap<>(tables);
        copy.remove(tableName);
        return new Schema(name, copy, otherRelations);
    }

    /** This schema with a table renamed, and the foreign keys that point at it following. */
    public Schema withTableRenamed(String from, String to) {
        Map<String, Table> copy = new LinkedHashMap<>();
        for (Table t : tables.values()) {
            Table renamed = t.name().equals(from) ? t.withName(to) : t;
            copy.put(renamed.name(), renamed.withReferencesRenamed(name, from, to));
        }
        return new Schema(name, copy, otherRelations);
    }
}
