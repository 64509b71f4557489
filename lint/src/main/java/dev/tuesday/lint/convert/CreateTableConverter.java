package dev.tuesday.lint.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.ColumnDef;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code CREATE TABLE name (columns, constraints)} as {@code create_table}: a table-level primary
 * key marks its columns {@code pk}; unique, check and foreign key constraints become the
 * operation's {@code constraints}. Temporary, unlogged, partitioned and inheriting tables, and
 * {@code CREATE TABLE … AS}, are not converted.
 */
final class CreateTableConverter {

    private CreateTableConverter() {}

    static OperationBuilder convert(Statement s, Statement.QualifiedName name) {
        if (!s.is(1, "table")) {
            throw new NotConvertible("a " + s.word(1).toUpperCase(Locale.ROOT)
                    + " table has no operation in the migration format");
        }
        int open = name.next();
        if (s.token(open) == null || !s.token(open).isSymbol("(")) {
            throw new NotConvertible("only CREATE TABLE name (columns …) is converted, not AS, OF or PARTITION OF");
        }
        int close = Clauses.closing(s, open);
        if (close + 1 < s.size()) {
            throw new NotConvertible("\"" + StatementText.source(s, close + 1, s.size())
                    + "\" after the columns has no field in create_table");
        }
        String table = name.last();
        List<ObjectNode> columns = new ArrayList<>();
        List<TableConstraintClause> constraints = new ArrayList<>();
        for (Range r : Clauses.createTableElements(s)) {
            if (Clauses.isTableConstraint(s, r)) {
                constraints.add(TableConstraintClause.read(s, r));
                continue;
            }
            ColumnDef def = Clauses.columnDef(s, r);
            if (def == null) {
                throw new NotConvertible("unreadable column definition");
            }
            columns.add(ColumnClause.read(s, table, def).node());
        }
        OperationBuilder op = new OperationBuilder(s.line(), "create_table").put("name", table);
        ArrayNode columnList = op.body().putArray("columns");
        ArrayNode constraintList = JsonNodeFactory.instance.arrayNode();
        for (TableConstraintClause c : constraints) {
            if (c.type().equals("primary_key")) {
                markPrimaryKey(columns, c.columns());
            } else {
                constraintList.add(constraint(table, c));
            }
        }
        columns.forEach(columnList::add);
        if (!constraintList.isEmpty()) {
            op.body().set("constraints", constraintList);
        }
        return op;
    }

    private static void markPrimaryKey(List<ObjectNode> columns, List<String> key) {
        for (String name : key) {
            ObjectNode column = columns.stream().filter(c -> c.path("name").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new NotConvertible("the primary key names " + name + ", which is not a column"));
            column.remove("nullable");
            column.put("pk", true);
        }
    }

    private static ObjectNode constraint(String table, TableConstraintClause c) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", c.nameOn(table));
        node.put("type", c.type());
        if (!c.columns().isEmpty()) {
            ArrayNode list = node.putArray("columns");
            c.columns().forEach(list::add);
        }
        if (c.nullsNotDistinct()) {
            node.put("nulls_not_distinct", true);
        }
        if (c.check() != null) {
            node.put("check", c.check());
        }
        if (c.reference() != null) {
            c.reference().writeTableReference(node.putObject("references"));
            if (c.reference().deferrable()) {
                node.put("deferrable", true);
            }
            if (c.reference().initiallyDeferred()) {
                node.put("initially_deferred", true);
            }
        }
        return node;
    }
}
