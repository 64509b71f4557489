package dev.tuesday.migrate.op;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.IndexBuilds;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code create_index}, built {@code CONCURRENTLY}. {@code method} defaults to btree;
 * {@code predicate} and {@code storageParameters} may be null.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code create_index}: built {@code CONCURRENTLY} (reads and writes go on while it builds) once
 * the backfill is done, so a column the migration fills is indexed with its final values and the
 * backfill's updates do not pay for the index. Columns are named as the new version names them
 * and indexed physically (a shadow column keeps its index when complete gives it its name).
 * Complete has nothing to do; rollback drops the index {@code CONCURRENTLY}.
 */
public record CreateIndex(String name, String table, List<IndexField> columns, String predicate, String method,
        String storageParameters, boolean unique) implements Operation {

    /** The index methods the format knows; inserted into SQL unquoted, so checked when read and when planned. */
    private static final List<String> INDEX_METHODS = List.of("btree", "hash", "gist", "spgist", "gin", "brin");

    public CreateIndex {
        columns = List.copyOf(columns);
    }

    @Override
    public String kind() {
        return "create_index";
    }

    /** Reads the body of a {@code create_index} entry. */
    static CreateIndex read(FormatNode op) {
        op.object("name", "table", "columns", "predicate", "method", "storage_parameters", "unique");
        List<IndexField> columns = indexFields(op);
        if (columns.isEmpty()) {
            throw op.fail("columns", "an index needs at least one column");
        }
        return new CreateIndex(op.requiredString("name"), op.requiredString("table"), columns,
                op.optionalString("predicate"), op.choice("method", "btree", INDEX_METHODS),
                op.optionalString("storage_parameters"), op.bool("unique", false));
    }

    /**
     * The index elements, in any of the three spellings pgroll has used: an array of element
     * objects with {@code column} (the specification), an array of column names, or an object from
     * column name to element settings ({@code columns: {name: {sort: DESC}}}), kept in file order.
     */
    private static List<IndexField> indexFields(FormatNode op) {
        FormatNode columns = op.required("columns");
        if (!columns.isObjectNode()) {
            return op.array("columns", true).stream().map(CreateIndex::indexField).toList();
        }
        List<IndexField> fields = new ArrayList<>();
        for (String column : columns.fieldNames()) {
            fields.add(indexSettings(column, columns.required(column)));
        }
        return fields;
    }

    /** An index element; a bare string is accepted as the column name (pgroll's older form). */
    private static IndexField indexField(FormatNode field) {
        if (field.isText()) {
            return new IndexField(field.text(), null, null, null, null);
        }
        field.object("column", "collate", "sort", "nulls", "opclass");
        return indexSettings(field.requiredString("column"), field);
    }

    private static IndexField indexSettings(String column, FormatNode field) {
        field.object("column", "collate", "sort", "nulls", "opclass");
        if (field.has("column") && !column.equals(field.requiredString("column"))) {
            throw field.fail("column", "differs from the key it is listed under (\"" + column + "\")");
        }
        FormatNode opclass = field.optional("opclass");
        IndexField.OperatorClass operatorClass = null;
        if (opclass != null) {
            opclass.object("name", "params");
            operatorClass = new IndexField.OperatorClass(opclass.optionalString("name"),
                    opclass.stringList("params", false));
        }
        return new IndexField(column, field.optionalString("collate"), field.choice("sort", null, List.of("ASC", "DESC")),
                field.choice("nulls", null, List.of("FIRST", "LAST")), operatorClass);
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = checks.table(table());
        checks.newRelation(schema, name());
        List<String> columns = columns().stream().map(IndexField::column).toList();
        columns.forEach(c -> ValidationContext.column(table, c));
        checks.condition("predicate", predicate(), table.name(), table.columns());
        ValidationContext.fragment("storage_parameters", storageParameters());
        for (IndexField field : columns()) {
            if (field.opclass() != null) {
                field.opclass().params().forEach(param -> ValidationContext.fragment("opclass.params", param));
            }
        }
        return schema.withTable(table.withIndex(new TableIndex(name(), columns, List.of(), unique(), false, true,
                method(), predicate(), null)));
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(table());
        List<String> elements = new ArrayList<>();
        for (IndexField field : columns()) {
            elements.add(element(table, field));
        }
        StringBuilder tail = new StringBuilder();
        if (method() != null && !method().isBlank()) {
            tail.append("USING ").append(keyword(method(), INDEX_METHODS, "method")).append(' ');
        }
        tail.append('(').append(String.join(", ", elements)).append(')');
        if (storageParameters() != null && !storageParameters().isBlank()) {
            tail.append(" WITH (").append(storageParameters()).append(')');
        }
        if (predicate() != null && !predicate().isBlank()) {
            tail.append(" WHERE (").append(predicate()).append(')');
        }
        List<String> columns = columns().stream().map(f -> PlanContext.column(table, f.column()).physical()).toList();
        IndexBuilds.build(plan, table, "build index " + Sql.ident(name()) + " on " + Sql.ident(table.physical())
                + " concurrently", unique(), name(), tail.toString(), p -> IndexBuilds.choose(p.name(), columns, "idx"),
                true);
        plan.rollback(IndexBuilds.drop("drop index " + Sql.ident(name()), table, plan.schema().name(), name()));
    }

    /** {@code "column" [COLLATE "c"] [opclass [(params)]] [ASC|DESC] [NULLS FIRST|LAST]}. */
    private static String element(Table table, IndexField field) {
        StringBuilder e = new StringBuilder(Sql.ident(PlanContext.column(table, field.column()).physical()));
        if (field.collate() != null && !field.collate().isBlank()) {
            e.append(" COLLATE ").append(Sql.ident(field.collate()));
        }
        IndexField.OperatorClass opclass = field.opclass();
        if (opclass != null && opclass.name() != null && !opclass.name().isBlank()) {
            e.append(' ').append(Sql.ident(opclass.name()));
            if (!opclass.params().isEmpty()) {
                e.append(" (").append(String.join(", ", opclass.params())).append(')');
            }
        }
        if (field.sort() != null) {
            e.append(' ').append(keyword(field.sort(), List.of("ASC", "DESC"), "sort"));
        }
        if (field.nulls() != null) {
            e.append(" NULLS ").append(keyword(field.nulls(), List.of("FIRST", "LAST"), "nulls"));
        }
        return e.toString();
    }

    /** A keyword from a closed set, checked here too since it is inserted into SQL unquoted. */
    private static String keyword(String value, List<String> allowed, String field) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException(field + " \"" + value + "\" is not one of " + String.join(", ", allowed));
    }
}
