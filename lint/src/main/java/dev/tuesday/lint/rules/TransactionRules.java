package dev.tuesday.lint.rules;

import static dev.tuesday.lint.Severity.ADVICE;
import static dev.tuesday.lint.Severity.LOCKING;

import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.SqlScript;
import dev.tuesday.lint.sql.Statement;
import java.util.List;

/** Rules on how a migration runs: timeouts, transaction blocks. */
final class TransactionRules {

    private TransactionRules() {}

    static List<Rule> all() {
        return List.of(
                // Advice by default: it would fire on nearly every hand-written migration. Teams that
                // run raw SQL against busy tables raise it to locking in tuesday-lint.yaml.
                Rule.of("missing-lock-timeout", ADVICE,
                        "a lock-taking statement with no lock_timeout set: it may queue traffic behind it",
                        (s, ctx) -> {
                    if (!ctx.lockTimeoutSet && takesTableLock(s, ctx) && ctx.reportedOnce.add("missing-lock-timeout")) {
                        ctx.report("missing-lock-timeout", s, s.line(),
                                "no lock_timeout is set before the first statement that locks an existing table: if a "
                                        + "long transaction holds the table, this statement waits in the lock queue and "
                                        + "every query behind it waits too",
                                "SET lock_timeout = '2s' at the top of the migration and retry on failure (Tuesday's "
                                        + "executor does both for every operation)");
                    }
                }),
                Rule.of("missing-statement-timeout", ADVICE,
                        "a lock-taking statement with no statement_timeout set", (s, ctx) -> {
                    if (!ctx.statementTimeoutSet && takesTableLock(s, ctx)
                            && ctx.reportedOnce.add("missing-statement-timeout")) {
                        ctx.report("missing-statement-timeout", s, s.line(),
                                "no statement_timeout is set: a statement that turns out slow holds its locks for as long as it runs",
                                "SET statement_timeout at the top of the migration (Tuesday's backfill sets one per batch)");
                    }
                }),
                Rule.of("transaction-nesting", ADVICE, "BEGIN inside a transaction, or COMMIT outside one", (s, ctx) -> {
                    if (SqlScript.opensTransaction(s) && ctx.transactionDepth > 0) {
                        ctx.report("transaction-nesting", s, s.line(),
                                "BEGIN inside an open transaction does nothing but warn; the statements after it are not "
                                        + "in a transaction of their own",
                                "remove the inner BEGIN, or COMMIT the first transaction before it");
                    } else if (SqlScript.closesTransaction(s) && ctx.transactionDepth == 0 && !s.inTransaction()) {
                        ctx.report("transaction-nesting", s, s.line(),
                                "COMMIT without an open transaction: the statements before it already ran one by one",
                                "add the matching BEGIN, or remove the COMMIT");
                    }
                }),
                Rule.of("ban-uncommitted-transaction", LOCKING,
                        "a BEGIN without COMMIT: the migration keeps its locks open", (s, ctx) -> { }));
    }

    /** Whether {@code s} takes a lock on a table that existed before the migration. */
    static boolean takesTableLock(Statement s, FileContext ctx) {
        Clauses.AlterTable at = Clauses.alterTable(s);
        if (at != null) {
            return !ctx.isNew(at.table());
        }
        if (IndexRules.isCreateIndex(s)) {
            Statement.QualifiedName t = IndexRules.indexTable(s);
            return t != null && !ctx.isNew(t.last());
        }
        return s.startsWith("drop", "table") || s.startsWith("drop", "index") || s.startsWith("truncate")
                || s.startsWith("lock") || s.startsWith("cluster") || s.startsWith("reindex")
                || (s.startsWith("vacuum") && s.contains("full")) || s.startsWith("create", "trigger")
                || s.startsWith("alter", "type") || s.startsWith("refresh");
    }
}
