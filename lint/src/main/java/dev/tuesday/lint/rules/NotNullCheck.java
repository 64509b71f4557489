package dev.tuesday.lint.rules;

import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;

/**
 * What a file does with {@code CHECK (column IS NOT NULL)} constraints, column by column: since
 * PostgreSQL 12 a valid one lets {@code SET NOT NULL} on that same column skip its scan under
 * ACCESS EXCLUSIVE. A check on another column of the table does not.
 */
final class NotNullCheck {

    private NotNullCheck() {
    }

    /** Records the {@code ALTER TABLE} action {@code r} on {@code table} if it adds or validates such a check. */
    static void track(Statement s, Range r, String table, FileContext ctx) {
        if (s.matches(r.from(), "validate", "constraint") && s.token(r.from() + 2) != null) {
            String key = table + "." + s.token(r.from() + 2).text();
            String column = ctx.notNullChecks.get(key);
            if (column != null) {
                ctx.provenNotNull.add(table + "." + column);
            } else {
                ctx.validatedElsewhere.add(key);
            }
            return;
        }
        if (!s.is(r.from(), "add")) {
            return;
        }
        int i = r.from() + 1;
        String name = null;
        if (s.is(i, "constraint") && s.token(i + 1) != null) {
            name = s.token(i + 1).text();
            i += 2;
        }
        String column = checkedColumn(s, i);
        if (column == null) {
            return;
        }
        if (Clauses.has(s, r, "not", "valid")) {
            // PostgreSQL names an unnamed check table_column_check.
            ctx.notNullChecks.put(table + "." + (name != null ? name : table + "_" + column + "_check"), column);
        } else {
            ctx.provenNotNull.add(table + "." + column);
        }
    }

    /** The column of {@code CHECK (column IS NOT NULL)} starting at {@code i}, or null. */
    private static String checkedColumn(Statement s, int i) {
        boolean shape = s.is(i, "check") && s.token(i + 1) != null && s.token(i + 1).isSymbol("(")
                && s.token(i + 2) != null && s.token(i + 2).isName() && s.matches(i + 3, "is", "not", "null")
                && s.token(i + 6) != null && s.token(i + 6).isSymbol(")");
        return shape ? s.token(i + 2).text() : null;
    }
}
