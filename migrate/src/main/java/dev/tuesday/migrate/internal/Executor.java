package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.StepFailedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.postgresql.util.PSQLWarning;

/**
 * Runs steps on one connection, keeping the rules every DDL obeys.
 *
 * <p>A {@link Step.Ddl} runs in its own transaction under {@code SET LOCAL lock_timeout}: if the
 * table is locked by someone else, the statement gives up after the timeout instead of sitting in
 * the lock queue, where it would make every later query on the table wait behind it. It is then
 * retried as {@link LockRetry} says.
 *
 * <p>A {@link Step.Concurrently} runs outside a transaction with the same session-level
 * {@code lock_timeout}; when it fails, the INVALID index it leaves behind is dropped before the
 * next attempt.
 *
 * <p>PostgreSQL's DEBUG1 messages are forwarded to the listener: they tell whether a statement
 * scanned the table ({@code verifying table}) or rewrote it, or proved a constraint from an
 * existing one ({@code sufficient to prove}) — the facts that decide how long a lock is held.
 */
record Executor(Connection connection, Settings settings, String migration) {

    /** Runs {@code step}, retrying on lock timeouts; throws a typed failure when it cannot. */
    public void run(Step step) {
        settings.report(migration, step.description());
        switch (step) {
            case Step.Ddl ddl -> retrying(step.description(), current -> transaction(List.of(ddl), current));
            case Step.Concurrently c -> retrying(step.description(), current -> runConcurrently(c));
        }
    }

    /**
     * Runs {@code steps} as one transaction under {@code SET LOCAL lock_timeout}: all commit or
     * none does. On a lock timeout the whole transaction is retried, as a single step is; any
     * other failure names the step it happened in.
     *
     * @param description what the transaction does, for progress lines and lock errors
     */
    public void runAtomically(String description, List<Step.Ddl> steps) {
        settings.report(migration, description + " (" + steps.size() + " statements, one transaction)");
        retrying(description, current -> transaction(steps, current));
    }

    /** One attempt at some work; it records in {@code current} the step it is in, for errors. */
    @FunctionalInterface
    private interface Attempt {
        void run(Step.Ddl[] current) throws SQLException;
    }

    /**
     * Makes attempts until one succeeds ({@link LockRetry}); any failure other than a lock timeout
     * names the step it happened in.
     */
    private void retrying(String description, Attempt work) {
        Step.Ddl[] current = new Step.Ddl[1];
        try {
            LockRetry.run(settings, migration, description, () -> {
                current[0] = null;
                work.run(current);
                return null;
            });
        } catch (SQLException e) {
            String what = current[0] == null ? description : current[0].description();
            String hint = "57014".equals(e.getSQLState()) && current[0] != null && !current[0].scans()
                    ? " (longer than the DDL statement timeout of " + settings.ddlStatementTimeout().toMillis()
                            + " ms: it scans or rewrites the table while holding its lock)" : "";
            throw new StepFailedException(migration, what, e.getSQLState(), firstLine(e) + hint, e);
        }
    }

    private void transaction(List<Step.Ddl> steps, Step.Ddl[] current) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + settings.lockTimeout().toMillis() + "ms'");
            s.execute("SET LOCAL search_path TO " + searchPath());
            s.execute("SET LOCAL client_min_messages = debug1");
            for (Step.Ddl step : steps) {
                current[0] = step;
                s.execute("SET LOCAL statement_timeout = '" + (step.scans() ? 0 : settings.ddlStatementTimeout().toMillis())
                        + "ms'");
                s.execute(step.sql());
                forwardNotices(s.getWarnings());
                s.clearWarnings();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void runConcurrently(Step.Concurrently step) throws SQLException {
        connection.setAutoCommit(true);
        boolean build = step.sql().startsWith("CREATE");
        if (build) {
            Boolean valid = indexValid(step);
            if (Boolean.TRUE.equals(valid)) {
                // Built by a run that was stopped before it could record so.
                settings.report(migration, "index " + Sql.ident(step.index()) + " is already built");
                return;
            }
            if (valid != null) {
                dropInvalidIndex(step);
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SET lock_timeout = '" + settings.lockTimeout().toMillis() + "ms'");
            s.execute("SET search_path TO " + searchPath());
            try {
                s.execute(step.sql());
            } catch (SQLException e) {
                // A failed CREATE INDEX CONCURRENTLY leaves an INVALID index that would block a retry.
                if (build && Boolean.FALSE.equals(indexValid(step))) {
                    dropInvalidIndex(step);
                }
                throw e;
            } finally {
                s.execute("RESET lock_timeout");
                s.execute("RESET search_path");
            }
        }
    }

    /** Whether the step's index is valid; null when there is no such index. */
    private Boolean indexValid(Step.Concurrently step) throws SQLException {
        try (java.sql.PreparedStatement ps = connection.prepareStatement(
                "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
            ps.setString(1, Sql.qualified(step.schema(), step.index()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private void dropInvalidIndex(Step.Concurrently step) {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + Sql.qualified(step.schema(), step.index()));
        } catch (SQLException cleanup) {
            settings.report(migration, "could not drop invalid index " + Sql.ident(step.index()) + ": "
                    + firstLine(cleanup));
        }
    }

    /**
     * Passes the server's notices on. The DDL runs at {@code client_min_messages = debug1} because
     * that is where PostgreSQL says whether it rewrote or scanned a table, or proved it need not —
     * what a user of Tuesday wants to know; the rest of DEBUG1 ("building index … serially") is noise.
     */
    private void forwardNotices(SQLWarning warning) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            if (worthShowing(w)) {
                settings.report(migration, "postgres: " + firstLine(w));
            }
        }
    }

    private static boolean worthShowing(SQLWarning w) {
        if (!(w instanceof PSQLWarning pw) || pw.getServerErrorMessage() == null) {
            return true;
        }
        String severity = pw.getServerErrorMessage().getSeverity();
        if (severity == null || !severity.startsWith("DEBUG")) {
            return true;
        }
        String message = String.valueOf(pw.getServerErrorMessage().getMessage());
        return message.startsWith("rewriting table") || message.startsWith("verifying table")
                || message.contains("sufficient to prove");
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * The schema being migrated first: a {@code sql} operation's unqualified names mean the user's
     * schema, never the state schema a {@code $user} entry may find. {@code public} follows for
     * the functions of extensions installed there. The SQL Tuesday writes is always qualified.
     */
    private String searchPath() {
        return settings.schema().equals("public") ? Sql.ident("public") : Sql.ident(settings.schema()) + ", public";
    }

    /** The first line of PostgreSQL's message. */
    static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
