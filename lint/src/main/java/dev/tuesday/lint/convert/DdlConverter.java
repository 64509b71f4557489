package dev.tuesday.lint.convert;

import dev.tuesday.lint.LintException;
import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.SqlScript;
import dev.tuesday.lint.sql.Statement;
import dev.tuesday.migrate.sql.SqlSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a plain SQL migration into the operations that make the same change without breaking or
 * blocking the running version, so a lint finding becomes a fix in one command.
 *
 * <p>Each statement is converted whole or not at all. Renames, added and dropped columns, type,
 * nullability and default changes, constraints, indexes and tables become their operations; where
 * the old and new shapes differ in data, {@code up}/{@code down} hold a {@link ConvertedOperation#TODO}
 * with the usual expression as a hint. A few statements that neither block nor break running code
 * ({@code COMMENT}, {@code GRANT}, {@code CREATE EXTENSION}, a new function or view, …) become a raw
 * {@code sql} operation; transaction control and {@code SET} are dropped, since Tuesday runs each
 * step in its own short transaction with its own timeouts. Everything else is reported as
 * {@link Unconverted}, with the reason.
 */
public final class DdlConverter {

    private static final List<List<String>> RAW_SAFE = List.of(List.of("comment", "on"), List.of("grant"),
            List.of("revoke"), List.of("create", "extension"), List.of("create", "schema"),
            List.of("create", "function"), List.of("create", "procedure"), List.of("create", "type"),
            List.of("create", "or", "replace", "function"), List.of("create", "or", "replace", "procedure"),
            List.of("create", "domain"), List.of("create", "sequence"), List.of("create", "view"));

    private DdlConverter() {}

    /**
     * Converts the SQL text of the file {@code source}.
     *
     * @throws LintException when the text cannot be split into statements (an unclosed quote
     *     or comment), naming the file and line
     */
    public static Conversion convert(String source, String sql) {
        SqlScript script;
        try {
            script = SqlScript.parse(source, sql, false);
        } catch (SqlSyntaxException e) {
            throw new LintException(source + ":" + e.line() + ": " + e.getMessage(), e);
        }
        List<ConvertedOperation> operations = new ArrayList<>();
        List<Unconverted> unconverted = new ArrayList<>();
        for (Statement s : script.statements()) {
            List<OperationBuilder> made = new ArrayList<>();
            try {
                statement(s, made);
                made.forEach(op -> operations.add(op.build()));
            } catch (NotConvertible e) {
                unconverted.add(new Unconverted(s.line(), StatementText.shown(s), e.getMessage()));
            }
        }
        return new Conversion(source, operations, unconverted);
    }

    private static void statement(Statement s, List<OperationBuilder> out) {
        if (SqlScript.opensTransaction(s) || SqlScript.closesTransaction(s) || s.startsWith("set")
                || s.startsWith("reset")) {
            return;
        }
        Clauses.AlterTable alter = Clauses.alterTable(s);
        if (alter != null) {
            AlterTableConverter.convert(s, alter, out);
            return;
        }
        Statement.QualifiedName created = Clauses.createdTable(s);
        if (created != null) {
            out.add(CreateTableConverter.convert(s, created));
        } else if (s.startsWith("create", "index") || s.startsWith("create", "unique", "index")) {
            out.add(CreateIndexConverter.convert(s));
        } else if (s.startsWith("drop", "index")) {
            dropEach(s, "drop_index", s.is(2, "concurrently") ? 3 : 2, out);
        } else if (s.startsWith("drop", "table")) {
            dropEach(s, "drop_table", 2, out);
        } else if (RAW_SAFE.stream().anyMatch(words -> s.startsWith(words.toArray(String[]::new)))) {
            out.add(new OperationBuilder(s.line(), "sql").put("up", s.text()));
        } else {
            throw new NotConvertible(unsafeReason(s));
        }
    }

    /** {@code DROP INDEX|TABLE [IF EXISTS] a, b}: one operation per name; CASCADE is refused. */
    private static void dropEach(Statement s, String kind, int from, List<OperationBuilder> out) {
        int i = s.matches(from, "if", "exists") ? from + 2 : from;
        for (Clauses.Range r : Clauses.splitTopLevel(s, i, s.size())) {
            Statement.QualifiedName name = s.nameAt(r.from());
            int end = name == null ? r.from() : name.next();
            if (s.is(end, "cascade")) {
                throw new NotConvertible("CASCADE drops what depends on it too; drop those first, one operation each");
            }
            if (name == null || (end < r.to() && !s.is(end, "restrict"))) {
                throw new NotConvertible("unreadable name list");
            }
            out.add(new OperationBuilder(s.line(), kind).put("name", name.last()));
        }
    }

    private static String unsafeReason(Statement s) {
        String first = s.word(0) == null ? "" : s.word(0);
        return switch (first) {
            case "update", "delete", "insert", "merge" -> first.toUpperCase(Locale.ROOT)
                    + " changes rows in one transaction; data for a new shape belongs in an up expression, "
                    + "which Tuesday backfills in batches";
            case "alter", "drop", "create", "truncate", "cluster", "vacuum", "reindex", "lock", "refresh" ->
                    "no operation of the migration format does this, and as raw SQL it could block or break "
                    + "the running version; write it by hand";
            default -> "not a schema change Tuesday can convert; write it by hand";
        };
    }
}
