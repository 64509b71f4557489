package dev.tuesday.lint.rules;

import dev.tuesday.lint.Severity;
import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.AlterTable;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.SqlScript;
import dev.tuesday.lint.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every rule Tuesday knows, and the walk over one file's statements. The catalogue covers the
 * PostgreSQL rules of squawk and strong_migrations; rules under the same name keep that name.
 */
public final class Rules {

    /** Reported by the linter itself when a statement cannot be read or the server rejects its syntax. */
    public static final String SYNTAX_ERROR = "syntax-error";
    /** Reported when a statement could not be replayed on the scratch database. */
    public static final String REPLAY_FAILED = "replay-failed";
    /** Reported when a statement fails on the scratch copy of a known schema: it would fail for real. */
    public static final String MIGRATION_FAILS = "migration-fails";
    /** Reported when a {@code -- tuesday:ignore} directive gives no reason. */
    public static final String IGNORE_WITHOUT_REASON = "ignore-without-reason";

    private static final List<Rule> ALL = catalogue();

    private static final Set<String> COMMANDS = Set.of("select", "insert", "update", "delete", "with", "create",
            "alter", "drop", "truncate", "grant", "revoke", "comment", "set", "reset", "begin", "start", "commit",
            "rollback", "end", "abort", "savepoint", "release", "vacuum", "analyze", "analyse", "cluster", "reindex",
            "refresh", "lock", "do", "call", "copy", "values", "table", "explain", "prepare", "execute",
            "deallocate", "listen", "notify", "unlisten", "discard", "declare", "fetch", "close", "move", "import",
            "security", "checkpoint", "load", "merge");

    private Rules() {}

    private static List<Rule> catalogue() {
        List<Rule> all = new ArrayList<>();
        all.addAll(ColumnRules.all());
        all.addAll(ConstraintRules.all());
        all.addAll(IndexRules.all());
        all.addAll(TypeRules.all());
        all.addAll(TransactionRules.all());
        // Last: rewrites-table reports only rewrites that no rule above explained.
        all.addAll(TableRules.all());
        all.add(Rule.of(SYNTAX_ERROR, Severity.BREAKING, "SQL that PostgreSQL cannot parse", (s, ctx) -> { }));
        all.add(Rule.of(REPLAY_FAILED, Severity.ADVICE,
                "a statement the scratch database rejected, so its locks were not measured", (s, ctx) -> { }));
        all.add(Rule.of(MIGRATION_FAILS, Severity.BREAKING,
                "a statement that fails on the scratch copy of the schema it will run on", (s, ctx) -> { }));
        all.add(Rule.of(IGNORE_WITHOUT_REASON, Severity.ADVICE, "a tuesday:ignore without a reason", (s, ctx) -> { }));
        return List.copyOf(all);
    }

    /** Every rule, in the order they run. */
    public static List<Rule> all() {
        return ALL;
    }

    /** The rule with id {@code id}, or {@code null}. */
    public static Rule byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    /** The default severity of each rule that is on unless configured off. */
    public static Map<String, Severity> defaults() {
        Map<String, Severity> m = new LinkedHashMap<>();
        for (Rule r : ALL) {
            if (r.enabledByDefault()) {
                m.put(r.id(), r.severity());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Checks the first token of a statement against the SQL commands PostgreSQL knows, so that a
     * typo is reported even when no scratch database parses the file.
     *
     * @return an error message, or {@code null} when the statement starts like SQL
     */
    public static String unknownCommand(Statement s) {
        String first = s.word(0);
        if (first != null && COMMANDS.contains(first)) {
            return null;
        }
        if (s.token(0).isSymbol("(")) {
            return null;
        }
        return "syntax error at or near \"" + s.token(0).text() + "\": not the start of a SQL command";
    }

    /** Runs every rule on {@code s}, then records what it changes in the file's state. */
    public static void check(Statement s, FileContext ctx) {
        for (Rule r : ALL) {
            if (ctx.enabled(r.id())) {
                try {
                    r.check().check(s, ctx);
                } catch (RuntimeException e) {
                    // A rule must never take the whole run down with a stack trace; say where it tripped.
                    throw new dev.tuesday.lint.LintException(s.file() + ":" + s.line() + ": rule " + r.id()
                            + " could not read this statement (" + e + ")", e);
                }
            }
        }
        track(s, ctx);
    }

    /** Reports what only the end of the file shows: a transaction left open. */
    public static void finish(List<Statement> statements, FileContext ctx) {
        if (ctx.transactionDepth > 0 && !statements.isEmpty()) {
            Statement last = statements.get(statements.size() - 1);
            ctx.report("ban-uncommitted-transaction", last, last.line(),
                    "the file ends inside a BEGIN with no COMMIT: the migration tool may hold its locks open or roll it all back",
                    "end the transaction with COMMIT");
        }
    }

    private static void track(Statement s, FileContext ctx) {
        Statement.QualifiedName created = Clauses.createdTable(s);
        if (created != null) {
            ctx.createdTables.add(created.last());
        }
        if (s.startsWith("set") || s.startsWith("set", "local") || s.startsWith("set", "session")) {
            ctx.lockTimeoutSet |= s.contains("lock_timeout");
            ctx.statementTimeoutSet |= s.contains("statement_timeout");
        }
        if (s.startsWith("select") && s.contains("set_config")) {
            ctx.lockTimeoutSet |= s.text().contains("lock_timeout");
            ctx.statementTimeoutSet |= s.text().contains("statement_timeout");
        }
        if (SqlScript.opensTransaction(s)) {
            ctx.transactionDepth++;
        } else if (SqlScript.closesTransaction(s)) {
            ctx.transactionDepth = 0;
            ctx.notValidInTransaction.clear();
        }
        AlterTable at = Clauses.alterTable(s);
        if (at != null) {
            for (Range r : at.actions()) {
                NotNullCheck.track(s, r, at.table(), ctx);
                if (s.matches(r.from(), "add", "constraint") && Clauses.has(s, r, "not", "valid") && s.inTransaction()) {
                    ctx.notValidInTransaction.add(s.token(r.from() + 2).text());
                }
            }
        }
    }

    /** Reports each ignore directive that gives no reason. */
    public static void checkDirectives(SqlScript script, FileContext ctx) {
        for (SqlScript.Directive d : script.directives()) {
            if (d.reason().isBlank()) {
                ctx.reportAt(IGNORE_WITHOUT_REASON, d.line(),
                        "tuesday:ignore " + String.join(",", d.rules()) + " gives no reason",
                        "say why, after the rule ids: -- tuesday:ignore RULE the table is empty in production");
            }
        }
    }
}
