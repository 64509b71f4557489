package dev.tuesday.lint.convert;

import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;

/**
 * {@code ALTER [COLUMN] name …} as {@code alter_column}: a type change keeps {@code up} as its
 * {@code USING} expression (none: the plain cast PostgreSQL would apply, the format's default) and
 * leaves {@code down} for a person, since the old type is not in the statement; {@code SET NOT NULL}
 * leaves {@code up} (a value for the rows holding NULL), {@code DROP NOT NULL} leaves {@code down}
 * (a value for the old version instead of NULL); defaults need neither.
 */
final class AlterColumnAction {

    private AlterColumnAction() {}

    static OperationBuilder convert(Statement s, String table, Range r, int line) {
        int i = s.is(r.from() + 1, "column") ? r.from() + 2 : r.from() + 1;
        String column = StatementText.name(s, i, "the column's name");
        int a = i + 1;
        OperationBuilder op = new OperationBuilder(line, "alter_column").put("table", table).put("column", column);
        if (s.matches(a, "set", "data", "type") || s.is(a, "type")) {
            int typeAt = s.is(a, "type") ? a + 1 : a + 3;
            int using = s.find(typeAt, "using");
            int end = using >= 0 && using < r.to() ? using : r.to();
            if (s.find(typeAt, "collate") >= 0 && s.find(typeAt, "collate") < end) {
                throw new NotConvertible("a COLLATE on the new type has no field in alter_column");
            }
            op.put("type", StatementText.source(s, typeAt, end));
            if (end < r.to()) {
                op.put("up", StatementText.source(s, using + 1, r.to()));
            }
            return op.todo("down", column + " converted back to its old type, e.g. CAST(" + column
                    + " AS <old type>)");
        }
        if (s.matches(a, "set", "not", "null")) {
            op.body().put("nullable", false);
            return op.todo("up", "coalesce(" + column + ", <a value for the rows where " + column + " is NULL>)");
        }
        if (s.matches(a, "drop", "not", "null")) {
            op.body().put("nullable", true);
            return op.todo("down", "coalesce(" + column + ", <the value the old version reads instead of NULL>)");
        }
        if (s.matches(a, "set", "default")) {
            return op.put("default", StatementText.source(s, a + 2, r.to()));
        }
        if (s.matches(a, "drop", "default")) {
            op.body().putNull("default");
            return op;
        }
        throw new NotConvertible("\"" + StatementText.source(s, r.from(), r.to())
                + "\" has no field in alter_column");
    }
}
