package dev.tuesday.lint.convert;

import dev.tuesday.migrate.sql.Token;
import dev.tuesday.migrate.sql.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The columns a check expression reads, which {@code create_constraint} builds its shadows on: the
 * names in it that are not keywords, called functions, types (after {@code ::} or {@code AS}) or
 * qualified parts.
 * Read from the statement alone, without the table, so the person filling {@code up} sees the list
 * and can correct it.
 */
final class CheckColumns {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "null", "is", "true", "false", "in",
            "between", "like", "ilike", "similar", "to", "case", "when", "then", "else", "end", "cast", "as", "any",
            "all", "some", "exists", "distinct", "from", "collate", "array", "interval", "escape", "isnull",
            "notnull", "current_date", "current_timestamp", "current_time", "localtimestamp", "localtime",
            "current_user", "session_user", "unknown", "at", "time", "zone", "with", "without");

    private CheckColumns() {}

    static List<String> of(String expression) {
        List<Token> tokens = Tokenizer.tokenize(expression).tokens();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
            Token before = i > 0 ? tokens.get(i - 1) : null;
            boolean typeOrField = before != null && (before.isSymbol("::") || before.isSymbol(".") || before.is("as"));
            boolean keyword = t.kind() == Token.Kind.WORD && KEYWORDS.contains(t.text());
            if (t.isName() && !call && !typeOrField && !keyword && !columns.contains(t.text())) {
                columns.add(t.text());
            }
        }
        if (columns.isEmpty()) {
            throw new NotConvertible("the check reads no column that could be told from the statement alone");
        }
        return columns;
    }
}
