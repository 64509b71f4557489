package dev.tuesday.lint.convert;

import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads what a token range of a statement says: its source text, a list of names in parentheses. */
final class StatementText {

    private static final int SHOWN = 60;

    private StatementText() {}

    /** The source text of tokens {@code [from, to)}, as written. */
    static String source(Statement s, int from, int to) {
        if (from >= to) {
            throw new NotConvertible("an expression is missing");
        }
        int base = s.token(0).start();
        return s.text().substring(s.token(from).start() - base, s.token(to - 1).end() - base);
    }

    /** The source text between the parenthesis at {@code open} and the one closing it. */
    static String parenthesized(Statement s, int open) {
        if (s.token(open) == null || !s.token(open).isSymbol("(")) {
            throw new NotConvertible("expected \"(\" after " + wordBefore(s, open));
        }
        return source(s, open + 1, Clauses.closing(s, open));
    }

    /** The names listed in the parentheses at {@code open}; anything but plain names is not convertible. */
    static List<String> names(Statement s, int open) {
        if (s.token(open) == null || !s.token(open).isSymbol("(")) {
            throw new NotConvertible("expected a list of columns in parentheses after " + wordBefore(s, open));
        }
        List<String> names = new ArrayList<>();
        for (Clauses.Range r : Clauses.splitTopLevel(s, open + 1, Clauses.closing(s, open))) {
            if (r.to() - r.from() != 1 || !s.token(r.from()).isName()) {
                throw new NotConvertible("\"" + source(s, r.from(), r.to()) + "\" is not a column name");
            }
            names.add(s.token(r.from()).text());
        }
        return names;
    }

    /** The name at {@code i}, which must be one. */
    static String name(Statement s, int i, String what) {
        if (s.token(i) == null || !s.token(i).isName()) {
            throw new NotConvertible("expected " + what + " after " + wordBefore(s, i));
        }
        return s.token(i).text();
    }

    /** The statement's start on one line, for reports. */
    static String shown(Statement s) {
        String one = s.text().replaceAll("\\s+", " ").strip();
        return one.length() <= SHOWN ? one : one.substring(0, SHOWN - 1) + "…";
    }

    private static String wordBefore(Statement s, int i) {
        return i > 0 && s.token(i - 1) != null ? "\"" + s.token(i - 1).text() + "\"" : "the statement's start";
    }
}
