package dev.tuesday.lint;

import dev.tuesday.lint.sql.SqlScript;
import dev.tuesday.migrate.sql.SqlSyntaxException;
import dev.tuesday.migrate.sql.Token;
import dev.tuesday.migrate.sql.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the running version's queries: from a file, or from {@code pg_stat_statements}. */
public final class Queries {

    private Queries() {}

    /**
     * Reads {@code file}: statements separated by {@code ;}, or, when it holds no semicolon, one
     * statement per non-empty line ({@code --} comments skipped).
     *
     * @throws LintException naming the file and line when it cannot be read
     */
    public static List<Query> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new LintException("--queries: " + file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Reads queries from {@code text}, named {@code name} in messages. */
    public static List<Query> parse(String name, String text) {
        List<Query> out = new ArrayList<>();
        try {
            boolean semicolons = Tokenizer.tokenize(text).tokens().stream().anyMatch(t -> t.isSymbol(";"));
            if (semicolons) {
                for (var s : SqlScript.parse(name, text, false).statements()) {
                    out.add(new Query(name, s.line(), s.text()));
                }
                return out;
            }
        } catch (SqlSyntaxException e) {
            throw new LintException(name + ":" + e.line() + ": " + e.getMessage());
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("--")) {
                out.add(new Query(name, i + 1, l));
            }
        }
        return out;
    }

    /**
     * The statements {@code pg_stat_statements} recorded for the database at {@code url}: SELECT,
     * INSERT, UPDATE, DELETE and WITH, already normalized with {@code $1}-style parameters.
     *
     * @throws LintException when the database cannot be reached or the extension is missing
     */
    public static List<Query> fromPgStatStatements(String url) {
        List<Query> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT query FROM pg_stat_statements WHERE dbid = "
                        + "(SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY calls DESC")) {
            int n = 0;
            while (rs.next()) {
                n++;
                String q = rs.getString(1);
                List<Token> tokens = Tokenizer.tokenize(q).tokens();
                String first = tokens.isEmpty() ? "" : tokens.get(0).text().toLowerCase(Locale.ROOT);
                if (List.of("select", "insert", "update", "delete", "with").contains(first)) {
                    out.add(new Query("pg_stat_statements", n, q));
                }
            }
        } catch (SQLException e) {
            throw new LintException("--url: cannot read pg_stat_statements: " + e.getMessage().split("\n")[0], e);
        } catch (SqlSyntaxException e) {
            throw new LintException("--url: pg_stat_statements holds a statement that cannot be read: " + e.getMessage());
        }
        return out;
    }
}
