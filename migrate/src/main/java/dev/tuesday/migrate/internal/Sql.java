package dev.tuesday.migrate.internal;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for SQL text the engine builds: every identifier is quoted, always. */
public final class Sql {

    private Sql() {
    }

    /** {@code name} as a quoted identifier: {@code my "x"} becomes {@code "my ""x"""}. */
    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.name}, both quoted. */
    public static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** {@code value} as a string literal, or {@code NULL}. */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * {@code body} between dollar quotes whose tag does not occur in it ({@code $tuesday$}, else
     * {@code $tuesday1$}, …), so no name or string inside can end the body early.
     */
    public static String dollarQuoted(String body) {
        String tag = "$tuesday$";
        for (int i = 1; body.contains(tag); i++) {
            tag = "$tuesday" + i + "$";
        }
        return tag + "\n" + body + "\n" + tag;
    }

    /** Quoted identifiers joined by commas. */
    public static String identList(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }
}
