package dev.tuesday.migrate.sql;

import java.util.List;

/**
 * The shape every SQL fragment of a migration file must have before it is put into generated SQL
 * ({@code up}, {@code down}, {@code check}, defaults, types, predicates, index parameters): one
 * piece of one statement. Read with the {@link Tokenizer}, so a {@code ;} or a parenthesis inside
 * a string, a quoted name or a dollar quote is text, not structure. A fragment must not end the
 * statement it is put into ({@code ;}), close a parenthesis it did not open (which would end the
 * {@code CHECK (…)} or {@code CAST(… AS …)} around it and let it add clauses of its own), leave
 * one open, or hide what follows it with a {@code --} comment; lines starting with a backslash,
 * which the tokenizer skips as psql commands, are refused too, since the server would read them.
 */
public final class Fragment {

    private Fragment() {
    }

    /** Why {@code text} is not one fragment, or null when it is (null and blank text included). */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.lines().anyMatch(l -> l.stripLeading().startsWith("\\"))) {
            return "a line starts with a backslash";
        }
        Tokenizer.Result read;
        try {
            read = Tokenizer.tokenize(text);
        } catch (SqlSyntaxException e) {
            return e.getMessage();
        }
        if (read.comments().stream().anyMatch(c -> text.startsWith("--", c.start()))) {
            return "a -- comment would hide the SQL that follows the fragment: use /* … */";
        }
        List<Token> tokens = read.tokens();
        if (tokens.stream().anyMatch(t -> t.isSymbol(";"))) {
            return "it holds a ';': it must be one expression, not statements";
        }
        int depth = 0;
        for (Token t : tokens) {
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")") && --depth < 0) {
                return "it closes a parenthesis it did not open";
            }
        }
        return depth > 0 ? "it leaves a parenthesis open" : null;
    }
}
