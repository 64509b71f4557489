package dev.tuesday.lint.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [name] ON table [USING method] (columns) [WITH (…)]
 * [WHERE …]} as {@code create_index}, which Tuesday always builds {@code CONCURRENTLY}. Columns may
 * carry a collation, an operator class, a sort order and a NULLS position; an expression, an
 * {@code INCLUDE} list or a tablespace has no field in the operation and is not converted.
 */
final class CreateIndexConverter {

    private CreateIndexConverter() {}

    static OperationBuilder convert(Statement s) {
        boolean unique = s.is(1, "unique");
        int i = unique ? 3 : 2;
        if (s.is(i, "concurrently")) {
            i++;
        }
        if (s.matches(i, "if", "not", "exists")) {
            i += 3;
        }
        String name = null;
        if (!s.is(i, "on")) {
            name = StatementText.name(s, i, "the index name");
            i++;
        }
        if (!s.is(i, "on")) {
            throw new NotConvertible("CREATE INDEX without ON");
        }
        i = s.is(i + 1, "only") ? i + 2 : i + 1;
        Statement.QualifiedName table = s.nameAt(i);
        if (table == null) {
            throw new NotConvertible("CREATE INDEX names no table");
        }
        i = table.next();
        String method = null;
        if (s.is(i, "using")) {
            method = StatementText.name(s, i + 1, "the index method");
            i += 2;
        }
        if (s.token(i) == null || !s.token(i).isSymbol("(")) {
            throw new NotConvertible("CREATE INDEX without a column list");
        }
        int close = Clauses.closing(s, i);
        List<ObjectNode> elements = new ArrayList<>();
        for (Range r : Clauses.splitTopLevel(s, i + 1, close)) {
            elements.add(element(s, r));
        }
        OperationBuilder op = new OperationBuilder(s.line(), "create_index")
                .put("name", name != null ? name : defaultName(table.last(), elements)).put("table", table.last());
        writeColumns(op.body().putArray("columns"), elements);
        op.put("method", method);
        if (unique) {
            op.body().put("unique", true);
        }
        tail(s, close + 1, op);
        return op;
    }

    private static void tail(Statement s, int from, OperationBuilder op) {
        int i = from;
        while (i < s.size()) {
            if (s.is(i, "with") && s.token(i + 1) != null && s.token(i + 1).isSymbol("(")) {
                op.put("storage_parameters", StatementText.parenthesized(s, i + 1));
                i = Clauses.closing(s, i + 1) + 1;
            } else if (s.is(i, "where")) {
                op.put("predicate", StatementText.source(s, i + 1, s.size()));
                return;
            } else {
                throw new NotConvertible("\"" + s.token(i).text().toUpperCase(Locale.ROOT)
                        + "\" has no field in create_index");
            }
        }
    }

    /** One index element: a column and its settings; an expression is not convertible. */
    private static ObjectNode element(Statement s, Range r) {
        int i = r.from();
        if (!s.token(i).isName() || (i + 1 < r.to() && s.token(i + 1).isSymbol("("))) {
            throw new NotConvertible("the index element \"" + StatementText.source(s, r.from(), r.to())
                    + "\" is an expression; create_index takes columns");
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("column", s.token(i).text());
        i++;
        if (s.is(i, "collate")) {
            node.put("collate", StatementText.name(s, i + 1, "the collation"));
            i += 2;
        }
        if (i < r.to() && s.token(i).isName() && !s.matches(i, "asc|desc|nulls")) {
            node.putObject("opclass").put("name", s.token(i).text());
            i++;
        }
        if (s.matches(i, "asc|desc")) {
            node.put("sort", s.word(i).toUpperCase(Locale.ROOT));
            i++;
        }
        if (s.matches(i, "nulls", "first|last")) {
            node.put("nulls", s.word(i + 1).toUpperCase(Locale.ROOT));
            i += 2;
        }
        if (i < r.to()) {
            throw new NotConvertible("\"" + StatementText.source(s, i, r.to()) + "\" has no field in create_index");
        }
        return node;
    }

    /** Plain column names when no element has settings (the format's short form), else element objects. */
    private static void writeColumns(ArrayNode columns, List<ObjectNode> elements) {
        boolean plain = elements.stream().allMatch(e -> e.size() == 1);
        for (ObjectNode e : elements) {
            if (plain) {
                columns.add(e.get("column").asText());
            } else {
                columns.add(e);
            }
        }
    }

    /** The name PostgreSQL gives an index created without one. */
    private static String defaultName(String table, List<ObjectNode> elements) {
        StringBuilder name = new StringBuilder(table);
        elements.forEach(e -> name.append('_').append(e.get("column").asText()));
        return name.append("_idx").toString();
    }
}
