package dev.tuesday.lint.sql;

import dev.tuesday.migrate.sql.Comment;
import dev.tuesday.migrate.sql.SqlSyntaxException;
import dev.tuesday.migrate.sql.Token;
import dev.tuesday.migrate.sql.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL migration split into statements.
 *
 * <p>Statements end at a semicolon outside parentheses, strings, comments, dollar quotes and
 * {@code BEGIN ATOMIC … END} function bodies. A file whose first comment is
 * {@code liquibase formatted sql} is read as Liquibase formatted SQL: each {@code --changeset}
 * starts a new statement and runs in its own transaction unless it says
 * {@code runInTransaction:false}; {@code splitStatements:false} keeps a changeset whole;
 * {@code --rollback} lines are comments and are not linted.
 *
 * @param statements the statements in file order
 * @param fileIgnores rule ids silenced for the whole file by {@code -- tuesday:ignore-file}
 * @param directives every {@code tuesday:ignore} directive, to check that each gives a reason
 */
public record SqlScript(List<Statement> statements, Map<String, String> fileIgnores, List<Directive> directives) {

    private static final Pattern IGNORE = Pattern.compile(
            "^tuesday:(ignore|ignore-file)\\s+([A-Za-z0-9_,-]+)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern LIQUIBASE_ATTR = Pattern.compile("(\\w+):(\\S+)");

    /**
     * An inline directive.
     *
     * @param line where it was written
     * @param rules the rule ids it silences
     * @param reason the reason given, possibly empty
     */
    public record Directive(int line, List<String> rules, String reason) {}

    /**
     * Splits {@code sql}.
     *
     * @param file the file's name, for messages
     * @param assumeInTransaction whether statements outside an explicit {@code BEGIN} still run
     *     inside a transaction (the migration tool wraps each file in one)
     * @throws SqlSyntaxException when the text cannot be tokenized
     */
    public static SqlScript parse(String file, String sql, boolean assumeInTransaction) {
        Tokenizer.Result lexed = Tokenizer.tokenize(sql);
        boolean liquibase = !lexed.comments().isEmpty()
                && lexed.comments().get(0).text().toLowerCase(Locale.ROOT).startsWith("liquibase formatted sql");
        List<Comment> changesets = new ArrayList<>();
        if (liquibase) {
            for (Comment c : lexed.comments()) {
                if (c.text().toLowerCase(Locale.ROOT).startsWith("changeset")) {
                    changesets.add(c);
                }
            }
        }
        Splitter splitter = new Splitter(file, sql, assumeInTransaction);
        int nextChangeset = 0;
        for (Token t : lexed.tokens()) {
            while (nextChangeset < changesets.size() && changesets.get(nextChangeset).start() < t.start()) {
                splitter.changeset(changesets.get(nextChangeset).text());
                nextChangeset++;
            }
            splitter.accept(t);
        }
        splitter.flush();
        return withDirectives(splitter.statements, lexed.comments());
    }

    private static SqlScript withDirectives(List<Statement> raw, List<Comment> comments) {
        List<Map<String, String>> perStatement = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            perStatement.add(new LinkedHashMap<>());
        }
        Map<String, String> fileIgnores = new LinkedHashMap<>();
        List<Directive> directives = new ArrayList<>();
        for (Comment c : comments) {
            Matcher m = IGNORE.matcher(c.text());
            if (!m.matches()) {
                continue;
            }
            List<String> rules = List.of(m.group(2).toLowerCase(Locale.ROOT).split(","));
            String reason = m.group(3).strip();
            directives.add(new Directive(c.line(), rules, reason));
            Map<String, String> target = fileIgnores;
            if (m.group(1).equals("ignore")) {
                int owner = ownerOf(raw, c);
                if (owner < 0) {
                    continue;
                }
                target = perStatement.get(owner);
            }
            for (String rule : rules) {
                target.put(rule, reason);
            }
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            statements.add(raw.get(i).withIgnored(perStatement.get(i)));
        }
        return new SqlScript(List.copyOf(statements), Map.copyOf(fileIgnores), List.copyOf(directives));
    }

    /** The statement a directive speaks of: the one it trails on the same line, else the next. */
    private static int ownerOf(List<Statement> statements, Comment c) {
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            int lastLine = s.tokens().get(s.size() - 1).line();
            if (lastLine >= c.line() || s.line() > c.line()) {
                return i;
            }
        }
        return -1;
    }

    private static final class Splitter {
        private final String file;
        private final String src;
        private final boolean assumeInTransaction;
        private final List<Statement> statements = new ArrayList<>();
        private final List<Token> current = new ArrayList<>();
        private int parens;
        private int atomicDepth;
        private boolean explicitTransaction;
        private boolean changesetTransaction;
        private boolean splitStatements = true;

        Splitter(String file, String src, boolean assumeInTransaction) {
            this.file = file;
            this.src = src;
            this.assumeInTransaction = assumeInTransaction;
        }

        void changeset(String text) {
            flush();
            changesetTransaction = true;
            splitStatements = true;
            Matcher m = LIQUIBASE_ATTR.matcher(text);
            while (m.find()) {
                String key = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2).toLowerCase(Locale.ROOT);
                if (key.equals("runintransaction")) {
                    changesetTransaction = !value.equals("false");
                } else if (key.equals("splitstatements")) {
                    splitStatements = !value.equals("false");
                }
            }
        }

        void accept(Token t) {
            if (t.isSymbol("(")) {
                parens++;
            } else if (t.isSymbol(")")) {
                parens = Math.max(0, parens - 1);
            } else if (t.is("atomic") && !current.isEmpty() && current.get(current.size() - 1).is("begin")) {
                atomicDepth++;
            } else if (atomicDepth > 0 && t.is("case")) {
                atomicDepth++;
            } else if (atomicDepth > 0 && t.is("end")) {
                atomicDepth--;
            }
            if (t.isSymbol(";") && parens == 0 && atomicDepth == 0 && splitStatements) {
                flush();
                return;
            }
            current.add(t);
        }

        void flush() {
            if (current.isEmpty()) {
                return;
            }
            List<Token> tokens = List.copyOf(current);
            current.clear();
            parens = 0;
            atomicDepth = 0;
            int from = tokens.get(0).start();
            int to = tokens.get(tokens.size() - 1).end();
            Statement s = new Statement(file, tokens.get(0).line(), src.substring(from, to), tokens,
                    explicitTransaction || changesetTransaction || assumeInTransaction, Map.of());
            boolean begins = isBegin(s);
            boolean ends = isEnd(s);
            if (begins) {
                s = new Statement(file, s.line(), s.text(), tokens, true, Map.of());
                explicitTransaction = true;
            } else if (ends) {
                explicitTransaction = false;
            }
            statements.add(s);
        }

        private static boolean isBegin(Statement s) {
            return (s.startsWith("begin") && (s.size() == 1 || s.matches(1, "work|transaction|isolation|read|not")))
                    || s.startsWith("start", "transaction");
        }

        private static boolean isEnd(Statement s) {
            return s.startsWith("commit") || s.startsWith("end") || s.startsWith("abort")
                    || (s.startsWith("rollback") && !s.contains("to")) || s.startsWith("commit", "prepared");
        }
    }

    /** Whether {@code s} opens a transaction block. */
    public static boolean opensTransaction(Statement s) {
        return Splitter.isBegin(s);
    }

    /** Whether {@code s} closes a transaction block. */
    public static boolean closesTransaction(Statement s) {
        return Splitter.isEnd(s);
    }
}
