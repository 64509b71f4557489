package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.CreateIndex;
import dev.tuesday.migrate.op.IndexField;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code create_index}: built {@code CONCURRENTLY} (reads and writes go on while it builds) once
 * the backfill is done, so a column the migration fills is indexed with its final values and the
 * backfill's updates do not pay for the index. Columns are named as the new version names them
 * and indexed physically (a shadow column keeps its index when complete gives it its name).
 * Complete has nothing to do; rollback drops the index {@code CONCURRENTLY}.
 */
final class CreateIndexPlanner implements OperationPlanner<CreateIndex> {

    @Override
    public void plan(CreateIndex op, PlanContext plan) {
        TableModel table = plan.schema().require(op.table());
        List<String> elements = new ArrayList<>();
        for (IndexField field : op.columns()) {
            elements.add(element(table, field));
        }
        StringBuilder tail = new StringBuilder();
        if (op.method() != null && !op.method().isBlank()) {
            tail.append("USING ").append(method(op.method())).append(' ');
        }
        tail.append('(').append(String.join(", ", elements)).append(')');
        if (op.storageParameters() != null && !op.storageParameters().isBlank()) {
            tail.append(" WITH (").append(op.storageParameters()).append(')');
        }
        if (op.predicate() != null && !op.predicate().isBlank()) {
            tail.append(" WHERE (").append(op.predicate()).append(')');
        }
        List<String> columns = op.columns().stream().map(f -> table.require(f.column()).physical()).toList();
        IndexBuilds.build(plan, table, "build index " + Sql.ident(op.name()) + " on " + Sql.ident(table.physical())
                + " concurrently", op.unique(), op.name(), tail.toString(), p -> IndexBuilds.choose(p.name(), columns, "idx"),
                true);
        plan.rollback(IndexBuilds.drop("drop index " + Sql.ident(op.name()), table, plan.schema().name(), op.name()));
    }

    /** {@code "column" [COLLATE "c"] [opclass [(params)]] [ASC|DESC] [NULLS FIRST|LAST]}. */
    private static String element(TableModel table, IndexField field) {
        StringBuilder e = new StringBuilder(Sql.ident(table.require(field.column()).physical()));
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

    private static String method(String method) {
        return keyword(method, List.of("btree", "hash", "gist", "spgist", "gin", "brin"), "method");
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
