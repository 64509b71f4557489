package dev.tuesday.lint.sql;

import dev.tuesday.migrate.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the parts of DDL statements that rules look at: the actions of an {@code ALTER TABLE}, the
 * elements of a {@code CREATE TABLE}, a column definition's type and constraints. Not a parser:
 * it splits on top-level commas and reads the few words that matter.
 */
public final class Clauses {

    private Clauses() {}

    /**
     * A token range {@code [from, to)} of a statement.
     *
     * @param from first token
     * @param to one past the last token
     */
    public record Range(int from, int to) {
        /** Whether the range holds no token. */
        public boolean isEmpty() {
            return from >= to;
        }
    }

    /**
     * An {@code ALTER TABLE} statement.
     *
     * @param table the table's own name (last part)
     * @param qualified the name as written
     * @param actions the comma-separated actions
     */
    public record AlterTable(String table, String qualified, List<Range> actions) {}

    /**
     * A column definition: {@code name type [constraints]}.
     *
     * @param name the column's name
     * @param type the type as written, lower case, words joined by single spaces
     * @param typeAt index of the type's first token
     * @param constraints where the constraints start and end
     */
    public record ColumnDef(String name, String type, int typeAt, Range constraints) {}

    private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "not", "null", "default", "primary",
            "unique", "check", "references", "generated", "collate", "deferrable", "initially", "compression",
            "storage", "using");

    /** Reads {@code ALTER TABLE [IF EXISTS] [ONLY] name [*] action, …}, or {@code null} when it is not one. */
    public static AlterTable alterTable(Statement s) {
        if (!s.startsWith("alter", "table")) {
            return null;
        }
        int i = 2;
        if (s.matches(i, "if", "exists")) {
            i += 2;
        }
        if (s.is(i, "only")) {
            i++;
        }
        Statement.QualifiedName name = s.nameAt(i);
        if (name == null) {
            return null;
        }
        i = name.next();
        if (s.token(i) != null && s.token(i).isSymbol("*")) {
            i++;
        }
        return new AlterTable(name.last(), name.text(), splitTopLevel(s, i, s.size()));
    }

    /** Splits {@code [from, to)} on commas outside parentheses. */
    public static List<Range> splitTopLevel(Statement s, int from, int to) {
        List<Range> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            Token t = s.token(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (t.isSymbol(",") && depth == 0) {
                parts.add(new Range(start, i));
                start = i + 1;
            }
        }
        if (start < to) {
            parts.add(new Range(start, to));
        }
        return parts;
    }

    /** The index of the parenthesis closing the one at {@code open}, or {@code s.size()}. */
    public static int closing(Statement s, int open) {
        int depth = 0;
        for (int i = open; i < s.size(); i++) {
            if (s.token(i).isSymbol("(")) {
                depth++;
            } else if (s.token(i).isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return s.size();
    }

    /** Reads a column definition spanning {@code r}; {@code null} when {@code r} does not start with a name. */
    public static ColumnDef columnDef(Statement s, Range r) {
        Token name = s.token(r.from());
        if (name == null || !name.isName() || r.from() + 1 >= r.to()) {
            return null;
        }
        int i = r.from() + 1;
        int typeAt = i;
        StringBuilder type = new StringBuilder();
        int depth = 0;
        while (i < r.to()) {
            Token t = s.token(i);
            if (depth == 0 && t.kind() == Token.Kind.WORD && CONSTRAINT_WORDS.contains(t.text()) && i > typeAt) {
                break;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            boolean glue = t.isSymbol("(") || t.isSymbol(")") || t.isSymbol(",") || t.isSymbol("[")
                    || t.isSymbol("]") || t.isSymbol("[]") || t.isSymbol(".");
            Token prev = i > typeAt ? s.token(i - 1) : null;
            boolean afterGlue = prev != null && (prev.isSymbol("(") || prev.isSymbol(",") || prev.isSymbol("."));
            if (!type.isEmpty() && !glue && !afterGlue) {
                type.append(' ');
            }
            type.append(t.text());
            i++;
        }
        return new ColumnDef(name.text(), type.toString(), typeAt, new Range(i, r.to()));
    }

    /**
     * The elements of {@code CREATE TABLE name ( … )}: columns and table constraints, or an empty
     * list when the statement is not one (or is {@code CREATE TABLE … AS}).
     */
    public static List<Range> createTableElements(Statement s) {
        int open = -1;
        for (int i = 0; i < s.size(); i++) {
            if (s.token(i).isSymbol("(")) {
                open = i;
                break;
            }
            if (s.is(i, "as")) {
                return List.of();
            }
        }
        if (open < 0) {
            return List.of();
        }
        return splitTopLevel(s, open + 1, closing(s, open));
    }

    /** The name of the table a {@code CREATE TABLE} statement creates, or {@code null}. */
    public static Statement.QualifiedName createdTable(Statement s) {
        int i = 1;
        while (s.word(i) != null && Set.of("temp", "temporary", "unlogged", "global", "local").contains(s.word(i))) {
            i++;
        }
        if (!s.is(0, "create") || !s.is(i, "table")) {
            return null;
        }
        i++;
        if (s.matches(i, "if", "not", "exists")) {
            i += 3;
        }
        return s.nameAt(i);
    }

    /** Whether the range starts a table constraint rather than a column. */
    public static boolean isTableConstraint(Statement s, Range r) {
        return s.matches(r.from(), "constraint|primary|unique|check|foreign|exclude|like");
    }

    /** Whether {@code pattern} appears inside {@code r}. */
    public static boolean has(Statement s, Range r, String... pattern) {
        return find(s, r, pattern) >= 0;
    }

    /** The first index inside {@code r} where {@code pattern} appears, or -1. */
    public static int find(Statement s, Range r, String... pattern) {
        for (int i = r.from(); i < r.to(); i++) {
            if (s.matches(i, pattern)) {
                return i;
            }
        }
        return -1;
    }

    private static final Set<String> TYPE_NAMES = Set.of("int", "integer", "bigint", "smallint", "int2", "int4",
            "int8", "text", "varchar", "char", "character", "numeric", "decimal", "boolean", "bool", "date",
            "timestamp", "timestamptz", "time", "interval", "json", "jsonb", "uuid", "bytea", "real", "float",
            "float4", "float8", "double", "bit", "inet", "cidr");

    /** Whether {@code word} is a built-in type name (a cast written as a call, like {@code int(…)}). */
    public static boolean isTypeName(String word) {
        return TYPE_NAMES.contains(word);
    }
}
