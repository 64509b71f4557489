package dev.tuesday.migrate.sql;

/**
 * One lexical token of a SQL text.
 *
 * @param kind what the token is
 * @param text for a {@link Kind#WORD}, the word in lower case; for a quoted identifier, its exact
 *     name; for a string, its contents; otherwise the source text
 * @param line the 1-based line on which the token starts
 * @param start offset of the first character in the source
 * @param end offset just past the last character in the source
 */
public record Token(Kind kind, String text, int line, int start, int end) {

    /** The kinds of token the tokenizer knows. */
    public enum Kind {
        /** An unquoted word: a keyword or an identifier, folded to lower case. */
        WORD,
        /** A double-quoted identifier, case kept. */
        QUOTED_IDENT,
        /** A string constant: {@code '…'}, {@code E'…'}, or a dollar-quoted body. */
        STRING,
        /** A numeric constant. */
        NUMBER,
        /** A positional parameter such as {@code $1}. */
        PARAM,
        /** Punctuation or an operator. */
        SYMBOL
    }

    /** Whether this is the unquoted word {@code word} (given in lower case). */
    public boolean is(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    /** Whether this is the symbol {@code symbol}. */
    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** Whether this token names something: an unquoted word or a quoted identifier. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENT;
    }
}
