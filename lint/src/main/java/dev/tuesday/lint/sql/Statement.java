package dev.tuesday.lint.sql;

import dev.tuesday.migrate.sql.Token;
import java.util.List;
import java.util.Map;

/**
 * One SQL statement of a migration file, as tokens with its place in the file.
 *
 * @param file the file as given by the user, for messages
 * @param line 1-based line of the statement's first token
 * @param text the statement's source text, without the terminating semicolon
 * @param tokens the statement's tokens, comments left out
 * @param inTransaction whether the statement runs inside a transaction block (an explicit
 *     {@code BEGIN}, a Liquibase changeset, or the configured assumption)
 * @param ignored rule ids silenced for this statement by {@code -- tuesday:ignore}, each with its
 *     reason (empty when none was given)
 */
public record Statement(String file, int line, String text, List<Token> tokens, boolean inTransaction,
        Map<String, String> ignored) {

    /** The number of tokens. */
    public int size() {
        return tokens.size();
    }

    /** Token {@code i}, or {@code null} past the end. */
    public Token token(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }

    /** The lower-case unquoted word at {@code i}, or {@code null} when there is none. */
    public String word(int i) {
        Token t = token(i);
        return t != null && t.kind() == Token.Kind.WORD ? t.text() : null;
    }

    /** Whether token {@code i} is the unquoted word {@code word}. */
    public boolean is(int i, String word) {
        Token t = token(i);
        return t != null && t.is(word);
    }

    /**
     * Whether the words {@code pattern} appear at {@code i}. Each element is a word, or
     * alternatives separated by {@code |}.
     */
    public boolean matches(int i, String... pattern) {
        for (int k = 0; k < pattern.length; k++) {
            String w = word(i + k);
            if (w == null || !alternatives(pattern[k], w)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the statement starts with the words {@code pattern}. */
    public boolean startsWith(String... pattern) {
        return matches(0, pattern);
    }

    /** The first index at or after {@code from} where {@code pattern} appears, or -1. */
    public int find(int from, String... pattern) {
        for (int i = Math.max(0, from); i < tokens.size(); i++) {
            if (matches(i, pattern)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code pattern} appears anywhere in the statement. */
    public boolean contains(String... pattern) {
        return find(0, pattern) >= 0;
    }

    /** The 1-based line of token {@code i}, or of the statement when out of range. */
    public int lineOf(int i) {
        Token t = token(i);
        return t == null ? line : t.line();
    }

    /**
     * Reads a possibly qualified name ({@code a}, {@code a.b}, {@code "A"."b"}) at {@code i}.
     *
     * @return the name, or {@code null} when there is no name at {@code i}
     */
    public QualifiedName nameAt(int i) {
        Token t = token(i);
        if (t == null || !t.isName()) {
            return null;
        }
        StringBuilder text = new StringBuilder(t.text());
        String last = t.text();
        int next = i + 1;
        while (token(next) != null && token(next).isSymbol(".") && token(next + 1) != null && token(next + 1).isName()) {
            last = token(next + 1).text();
            text.append('.').append(last);
            next += 2;
        }
        return new QualifiedName(text.toString(), last, next);
    }

    /** Whether this statement silences rule {@code rule}. */
    public boolean ignores(String rule) {
        return ignored.containsKey(rule) || ignored.containsKey("all");
    }

    /** A copy of this statement with other silenced rules. */
    public Statement withIgnored(Map<String, String> rules) {
        return new Statement(file, line, text, tokens, inTransaction, Map.copyOf(rules));
    }

    private static boolean alternatives(String pattern, String word) {
        if (pattern.indexOf('|') < 0) {
            return pattern.equals(word);
        }
        for (String alt : pattern.split("\\|")) {
            if (alt.equals(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A name as written.
     *
     * @param text the whole name, parts joined by dots
     * @param last the last part (the object's own name)
     * @param next the index of the token after the name
     */
    public record QualifiedName(String text, String last, int next) {}
}
