package dev.tuesday.migrate.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL text into tokens, following the server's lexical rules closely enough that
 * rules never match inside a string, a comment or a function body: {@code '…'} with doubled quotes,
 * {@code E'…'} with backslash escapes, {@code $tag$…$tag$} dollar quotes, {@code "…"} identifiers,
 * {@code --} comments and nested block comments.
 *
 * <p>Lines that start with a backslash are psql meta-commands (for example {@code \restrict} in a
 * dump) and are skipped, as psql would not send them to the server.
 */
public final class Tokenizer {

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private int pos;
    private int line = 1;

    private Tokenizer(String src) {
        this.src = src;
    }

    /** The result of tokenizing one text: the tokens and, apart, the comments. */
    public record Result(List<Token> tokens, List<Comment> comments) {}

    /**
     * Tokenizes {@code sql}.
     *
     * @throws SqlSyntaxException on an unterminated string, identifier, comment or dollar quote
     */
    public static Result tokenize(String sql) {
        Tokenizer t = new Tokenizer(sql);
        t.run();
        return new Result(List.copyOf(t.tokens), List.copyOf(t.comments));
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '\\' && atLineStart()) {
                skipToLineEnd();
            } else if (c == '-' && peek(1) == '-') {
                int from = pos + 2;
                skipToLineEnd();
                comments.add(new Comment(src.substring(from, pos).strip(), line, from - 2));
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                quoted(pos, pos, false);
            } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
                quoted(pos, pos + 1, true);
            } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && peek(1) == '\'') {
                quoted(pos, pos + 1, false);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
                if (peek(2) == '\'') {
                    quoted(pos, pos + 2, false);
                } else {
                    quotedIdent(pos, pos + 2);
                }
            } else if (c == '"') {
                quotedIdent(pos, pos);
            } else if (c == '$') {
                dollar();
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                number();
            } else if (isIdentStart(c)) {
                word();
            } else {
                symbol();
            }
        }
    }

    private boolean atLineStart() {
        int i = pos - 1;
        while (i >= 0 && src.charAt(i) != '\n') {
            if (!Character.isWhitespace(src.charAt(i))) {
                return false;
            }
            i--;
        }
        return true;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private void skipToLineEnd() {
        while (pos < src.length() && src.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void blockComment() {
        int startLine = line;
        int from = pos;
        int depth = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    comments.add(new Comment(src.substring(from + 2, pos - 2).strip(), startLine, from));
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
        throw new SqlSyntaxException(startLine, "unterminated /* comment */");
    }

    private void quoted(int tokenStart, int quoteAt, boolean backslashEscapes) {
        int startLine = line;
        StringBuilder value = new StringBuilder();
        pos = quoteAt + 1;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (backslashEscapes && c == '\\' && pos + 1 < src.length()) {
                value.append(src.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (c == '\'') {
                if (peek(1) == '\'') {
                    value.append('\'');
                    pos += 2;
                    continue;
                }
                pos++;
                tokens.add(new Token(Token.Kind.STRING, value.toString(), startLine, tokenStart, pos));
                return;
            }
            if (c == '\n') {
                line++;
            }
            value.append(c);
            pos++;
        }
        throw new SqlSyntaxException(startLine, "unterminated string constant");
    }

    private void quotedIdent(int tokenStart, int quoteAt) {
        int startLine = line;
        StringBuilder value = new StringBuilder();
        pos = quoteAt + 1;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"') {
                if (peek(1) == '"') {
                    value.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                if (value.isEmpty()) {
                    throw new SqlSyntaxException(startLine, "zero-length delimited identifier");
                }
                tokens.add(new Token(Token.Kind.QUOTED_IDENT, value.toString(), startLine, tokenStart, pos));
                return;
            }
            if (c == '\n') {
                line++;
            }
            value.append(c);
            pos++;
        }
        throw new SqlSyntaxException(startLine, "unterminated quoted identifier");
    }

    private void dollar() {
        int from = pos;
        if (Character.isDigit(peek(1))) {
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
            tokens.add(new Token(Token.Kind.PARAM, src.substring(from, pos), line, from, pos));
            return;
        }
        int i = pos + 1;
        while (i < src.length() && (isIdentStart(src.charAt(i)) || Character.isDigit(src.charAt(i)))) {
            i++;
        }
        if (i >= src.length() || src.charAt(i) != '$') {
            pos++;
            tokens.add(new Token(Token.Kind.SYMBOL, "$", line, from, pos));
            return;
        }
        String tag = src.substring(from, i + 1);
        int bodyStart = i + 1;
        int close = src.indexOf(tag, bodyStart);
        if (close < 0) {
            throw new SqlSyntaxException(line, "unterminated dollar-quoted string " + tag);
        }
        String body = src.substring(bodyStart, close);
        int startLine = line;
        line += (int) body.chars().filter(ch -> ch == '\n').count();
        pos = close + tag.length();
        tokens.add(new Token(Token.Kind.STRING, body, startLine, from, pos));
    }

    private void number() {
        int from = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && pos > from
                    && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E');
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                if (c == '.' && peek(1) == '.') {
                    break;
                }
                pos++;
            } else {
                break;
            }
        }
        tokens.add(new Token(Token.Kind.NUMBER, src.substring(from, pos), line, from, pos));
    }

    private void word() {
        int from = pos;
        while (pos < src.length() && (isIdentStart(src.charAt(pos)) || Character.isDigit(src.charAt(pos))
                || src.charAt(pos) == '$')) {
            pos++;
        }
        tokens.add(new Token(Token.Kind.WORD, src.substring(from, pos).toLowerCase(java.util.Locale.ROOT), line, from, pos));
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private void symbol() {
        int from = pos;
        char c = src.charAt(pos);
        if (c == ':' && peek(1) == ':') {
            pos += 2;
        } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
            while (pos < src.length() && OPERATOR_CHARS.indexOf(src.charAt(pos)) >= 0
                    && !(src.charAt(pos) == '-' && peek(1) == '-')
                    && !(src.charAt(pos) == '/' && peek(1) == '*')) {
                pos++;
            }
            if (pos == from) {
                pos++;
            }
        } else {
            pos++;
        }
        tokens.add(new Token(Token.Kind.SYMBOL, src.substring(from, pos), line, from, pos));
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }
}
