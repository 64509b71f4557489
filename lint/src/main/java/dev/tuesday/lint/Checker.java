package dev.tuesday.lint;

import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.lint.scratch.OperationRunner;
import dev.tuesday.lint.scratch.ScratchDatabase;
import dev.tuesday.lint.scratch.ScratchSession;
import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.Migrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers "does the running version survive this migration?" with the running version's own SQL:
 * the migration is applied to a scratch copy of the schema, and every query is prepared
 * ({@code PREPARE}, not run) under the running version's {@code search_path} — after a plain SQL
 * migration is applied; for a Tuesday migration after start and again after complete.
 *
 * <pre>{@code
 * CheckReport r = Checker.configure().startingSchema(StartingSchema.from(Path.of("db/schema.sql"))).build()
 *         .check(Queries.read(Path.of("v1-queries.sql")), Path.of("db/02_full_name.yaml"));
 * }</pre>
 *
 * <p>The running version's search_path is the version schema of the newest Tuesday migration of
 * the starting schema, or {@code public} when there is none. Queries that fail before the
 * migration are reported apart and not counted against it.
 */
public final class Checker {

    private final PostgresServer server;
    private final StartingSchema start;

    private Checker(PostgresServer server, StartingSchema start) {
        this.server = server;
        this.start = start;
    }

    /** A builder: empty starting schema, throw-away server. */
    public static Builder configure() {
        return new Builder();
    }

    /**
     * Checks {@code queries} against {@code migration}.
     *
     * @throws LintException when the schema or the migration does not apply, naming file and line
     */
    public CheckReport check(List<Query> queries, Path migration) {
        if (!Files.isRegularFile(migration)) {
            throw new LintException("migration " + migration + ": no such file");
        }
        try (ScratchSession scratch = ScratchSession.open(server, 0, start, migration)) {
            ScratchDatabase db = scratch.db();
            String path = runningSearchPath(db);
            List<CheckFailure> failures = new ArrayList<>();
            List<Query> checkable = new ArrayList<>();
            for (Query q : queries) {
                CheckFailure f = prepare(db.connection(), q, path, CheckPoint.BEFORE, false);
                if (f == null) {
                    checkable.add(q);
                } else {
                    failures.add(f);
                }
            }
            List<CheckPoint> points = new ArrayList<>();
            if (MigrationFiles.isOperations(migration)) {
                Migrator migrator = OperationRunner.migrator(db, "public");
                try {
                    migrator.start(migration);
                } catch (MigrationException e) {
                    throw new LintException(migration + ": start failed on the scratch schema: " + e.getMessage(), e);
                }
                points.add(CheckPoint.START);
                failures.addAll(prepareAll(db, checkable, path, CheckPoint.START, false));
                try {
                    migrator.complete();
                } catch (MigrationException e) {
                    throw new LintException(migration + ": complete failed on the scratch schema: " + e.getMessage(), e);
                }
                points.add(CheckPoint.COMPLETE);
                failures.addAll(prepareAll(db, checkable, path, CheckPoint.COMPLETE, true));
            } else {
                scratch.loader().applyFile(migration);
                points.add(CheckPoint.APPLIED);
                failures.addAll(prepareAll(db, checkable, path, CheckPoint.APPLIED, false));
            }
            return new CheckReport(migration.toString(), queries.size(), path, points, failures);
        }
    }

    private static String runningSearchPath(ScratchDatabase db) {
        try {
            return OperationRunner.latestVersionSchema(db, "public").orElse("public");
        } catch (MigrationException e) {
            return "public"; // no Tuesday state: the application uses the tables directly
        }
    }

    private static List<CheckFailure> prepareAll(ScratchDatabase db, List<Query> queries, String path, CheckPoint point,
            boolean expected) {
        List<CheckFailure> out = new ArrayList<>();
        for (Query q : queries) {
            CheckFailure f = prepare(db.connection(), q, path, point, expected);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static CheckFailure prepare(Connection c, Query q, String path, CheckPoint point, boolean expected) {
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("SET search_path TO " + quote(path));
            st.execute("PREPARE tuesday_check AS " + q.sql());
            st.execute("DEALLOCATE tuesday_check");
            return null;
        } catch (SQLException e) {
            String msg = e.getMessage() == null ? "unknown error" : e.getMessage().split("\n")[0];
            return new CheckFailure(point, q.file(), q.line(), q.sql(), path, msg, e.getSQLState(), expected);
        }
    }

    private static String quote(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    /** Builds a {@link Checker}; each setter's default is stated on it. */
    public static final class Builder extends ScratchBuilder<Builder> {
        private Builder() {}

        /** The checker. */
        public Checker build() {
            return new Checker(server, start);
        }
    }
}
