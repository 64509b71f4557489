package dev.tuesday.lint.rules;

import static dev.tuesday.lint.Severity.ADVICE;
import static dev.tuesday.lint.Severity.BREAKING;
import static dev.tuesday.lint.Severity.LOCKING;

import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.AlterTable;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;
import java.util.List;

/** Rules on indexes and on the other commands that have a CONCURRENTLY form. */
final class IndexRules {

    private IndexRules() {}

    static List<Rule> all() {
        return List.of(
                Rule.of("require-concurrent-index-creation", LOCKING,
                        "CREATE INDEX without CONCURRENTLY blocks writes for the whole build",
                        IndexRules::createIndex),
                Rule.whenStatement("require-concurrent-index-deletion", LOCKING,
                        "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table",
                        (s, ctx) -> s.startsWith("drop", "index") && !s.is(2, "concurrently"),
                        "DROP INDEX takes ACCESS EXCLUSIVE on its table: reads and writes queue behind it",
                        "use Tuesday's drop_index (DROP INDEX CONCURRENTLY, outside a transaction)"),
                Rule.whenStatement("require-concurrent-reindex", LOCKING,
                        "REINDEX without CONCURRENTLY blocks writes (and reads using the index)",
                        (s, ctx) -> s.startsWith("reindex") && !s.contains("concurrently") && ctx.postgresVersion() >= 12,
                        "REINDEX blocks writes to the table, and reads that use the index, until it ends",
                        "REINDEX … CONCURRENTLY, outside a transaction block"),
                Rule.of("require-concurrent-partition-detach", LOCKING,
                        "DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the parent",
                        IndexRules::detachPartition),
                Rule.whenStatement("ban-concurrent-index-creation-in-transaction", BREAKING,
                        "a CONCURRENTLY command inside a transaction block fails",
                        (s, ctx) -> isConcurrent(s) && s.inTransaction(),
                        "CONCURRENTLY cannot run inside a transaction block: the migration fails here",
                        "run it on its own, outside BEGIN/COMMIT (Liquibase: runInTransaction:false; "
                                + "Tuesday's create_index does this for you)"),
                Rule.of("prefer-robust-stmts", ADVICE,
                        "a CONCURRENTLY index command that cannot be re-run after a failure", IndexRules::robust),
                Rule.of("index-too-many-columns", ADVICE,
                        "a non-unique index on more than three columns", IndexRules::manyColumns));
    }

    /** Index of {@code ON} in a CREATE INDEX, and the table's own name, or {@code null}. */
    static Statement.QualifiedName indexTable(Statement s) {
        int on = s.find(0, "on");
        if (on < 0) {
            return null;
        }
        int i = s.is(on + 1, "only") ? on + 2 : on + 1;
        return s.nameAt(i);
    }

    static boolean isCreateIndex(Statement s) {
        return s.startsWith("create", "index") || s.startsWith("create", "unique", "index");
    }

    private static void createIndex(Statement s, FileContext ctx) {
        if (!isCreateIndex(s) || s.contains("concurrently")) {
            return;
        }
        Statement.QualifiedName table = indexTable(s);
        if (table == null || ctx.isNew(table.last())) {
            return;
        }
        ctx.report("require-concurrent-index-creation", s, s.line(),
                "building an index on " + table.text() + " without CONCURRENTLY holds SHARE: every INSERT, "
                        + "UPDATE and DELETE waits for the whole build",
                "use Tuesday's create_index, which builds it CONCURRENTLY (or CREATE INDEX CONCURRENTLY outside "
                        + "a transaction)");
    }

    private static void detachPartition(Statement s, FileContext ctx) {
        AlterTable at = Clauses.alterTable(s);
        if (at == null || ctx.postgresVersion() < 14) {
            return;
        }
        for (Range r : at.actions()) {
            if (s.matches(r.from(), "detach", "partition") && !Clauses.has(s, r, "concurrently")
                    && !Clauses.has(s, r, "finalize")) {
                ctx.report("require-concurrent-partition-detach", s, s.lineOf(r.from()),
                        "DETACH PARTITION takes ACCESS EXCLUSIVE on " + at.table() + ": all its traffic waits",
                        "DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+), outside a transaction block");
            }
        }
    }

    /** Whether {@code s} is one of the index or partition commands run CONCURRENTLY. */
    private static boolean isConcurrent(Statement s) {
        return (isCreateIndex(s) || s.startsWith("drop", "index") || s.startsWith("reindex")
                || s.startsWith("alter", "table")) && s.contains("concurrently");
    }

    private static void robust(Statement s, FileContext ctx) {
        if (s.inTransaction()) {
            return;
        }
        boolean create = isCreateIndex(s) && s.contains("concurrently") && !s.contains("if", "not", "exists");
        boolean drop = s.startsWith("drop", "index", "concurrently") && !s.is(3, "if");
        if (create || drop) {
            ctx.report("prefer-robust-stmts", s, s.line(),
                    create ? "a failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind, and re-running the "
                            + "migration then fails on the name"
                            : "re-running this migration after a partial failure fails when the index is already gone",
                    create ? "CREATE INDEX CONCURRENTLY IF NOT EXISTS (and drop an INVALID leftover first)"
                            : "DROP INDEX CONCURRENTLY IF EXISTS");
        }
    }

    private static void manyColumns(Statement s, FileContext ctx) {
        if (!s.startsWith("create", "index")) {
            return;
        }
        Statement.QualifiedName table = indexTable(s);
        if (table == null) {
            return;
        }
        int open = table.next();
        if (s.is(open, "using")) {
            open += 2;
        }
        if (s.token(open) == null || !s.token(open).isSymbol("(")) {
            return;
        }
        int columns = Clauses.splitTopLevel(s, open + 1, Clauses.closing(s, open)).size();
        if (columns > 3) {
            ctx.report("index-too-many-columns", s, s.line(),
                    "a non-unique index on " + columns + " columns is large and slow to maintain; the first "
                            + "columns usually do the work",
                    "index at most three columns, or a partial index");
        }
    }
}
