package dev.tuesday.lint.scratch;

import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.lint.ColumnChange;
import dev.tuesday.lint.Measurement;
import dev.tuesday.lint.TableLock;
import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.SqlScript;
import dev.tuesday.lint.sql.Statement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A fresh database on a throw-away PostgreSQL on which a migration is replayed statement by
 * statement, to read what each statement really does.
 *
 * <p>Each statement runs in its own transaction. Before it commits, {@code pg_locks} shows the locks
 * the session holds: those on relations that existed before the statement are what running traffic
 * would wait on. A table whose {@code relfilenode} changed was rewritten. Statements that cannot
 * run in a transaction block ({@code CONCURRENTLY}, {@code VACUUM}) run in autocommit; their
 * rewrites are measured, their locks are not (they are gone when the statement returns).
 *
 * <p>The tables are empty: a rewrite shows in the file node even then, and so do lock modes.
 */
public final class ScratchDatabase implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Connection connection;
    private final DataSource dataSource;

    private ScratchDatabase(Connection connection, DataSource dataSource) {
        this.connection = connection;
        this.dataSource = dataSource;
    }

    /**
     * Creates a new, empty database on {@code server} and connects to it as the superuser (a
     * migration may create extensions).
     */
    public static ScratchDatabase create(PostgresServer server) {
        String name = "tuesday_lint_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        server.createDatabase(name, "tuesday_lint");
        DataSource ds = server.dataSource(name, PostgresServer.SUPERUSER);
        try {
            Connection c = ds.getConnection();
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET statement_timeout = '60s'");
            }
            return new ScratchDatabase(c, ds);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the scratch database: " + e.getMessage(), e);
        }
    }

    /** A data source on the scratch database (superuser), for the migrate engine. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The connection, for loading a schema or running a check. */
    public Connection connection() {
        return connection;
    }

    /**
     * Runs {@code s} as the migration would, without measuring.
     *
     * @throws SQLException what the server answered
     */
    public void apply(Statement s) throws SQLException {
        if (isTransactionControl(s)) {
            return;
        }
        connection.setAutoCommit(true);
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute(s.text());
        }
    }

    /**
     * Replays {@code s} and measures it.
     *
     * @throws ReplayException when the server rejects the statement (it is then not applied)
     */
    public Measurement replay(Statement s) throws ReplayException {
        if (isTransactionControl(s)) {
            return Measurement.notMeasured("transaction control: each statement is replayed in its own transaction");
        }
        boolean outside = mustRunOutsideTransaction(s);
        try {
            Map<Long, Relation> before = relations();
            Clauses.AlterTable at = Clauses.alterTable(s);
            Map<String, String> typesBefore = at == null ? Map.of() : columnTypes(at.table());
            List<TableLock> locks = List.of();
            connection.setAutoCommit(outside);
            try (java.sql.Statement st = connection.createStatement()) {
                st.execute(s.text());
                if (!outside) {
                    locks = locks(before);
                    connection.commit();
                }
            } catch (SQLException e) {
                if (!outside) {
                    connection.rollback();
                }
                throw new ReplayException(e);
            } finally {
                connection.setAutoCommit(true);
            }
            List<String> rewritten = rewritten(before, relations());
            List<ColumnChange> changes = new ArrayList<>();
            if (at != null) {
                Map<String, String> typesAfter = columnTypes(at.table());
                typesBefore.forEach((col, type) -> {
                    String now = typesAfter.get(col);
                    if (now != null && !now.equals(type)) {
                        changes.add(new ColumnChange(at.table(), col, type, now));
                    }
                });
            }
            String note = outside ? "runs outside a transaction: locks not measured" : null;
            return new Measurement(locks, rewritten, List.copyOf(changes), note);
        } catch (SQLException e) {
            throw new IllegalStateException("the scratch database failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code s} must run in autocommit. */
    static boolean mustRunOutsideTransaction(Statement s) {
        return s.contains("concurrently") || s.startsWith("vacuum") || s.startsWith("create", "database")
                || s.startsWith("drop", "database") || s.startsWith("alter", "system")
                || s.startsWith("create", "tablespace") || (s.startsWith("reindex") && (s.is(1, "system")
                || s.is(1, "database")));
    }

    static boolean isTransactionControl(Statement s) {
        return SqlScript.opensTransaction(s) || SqlScript.closesTransaction(s) || s.startsWith("savepoint")
                || s.startsWith("release") || (s.startsWith("rollback") && s.contains("to"));
    }

    private record Relation(String name, char kind, long fileNode) {}

    private Map<Long, Relation> relations() throws SQLException {
        Map<Long, Relation> out = new HashMap<>();
        try (java.sql.Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.oid, n.nspname || '.' || c.relname, c.relkind, c.relfilenode "
                        + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.relkind IN ('r', 'p', 'm', 'v', 'f') AND n.nspname NOT IN ('pg_catalog', "
                        + "'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Relation(rs.getString(2), rs.getString(3).charAt(0), rs.getLong(4)));
            }
        }
        return out;
    }

    private static List<String> rewritten(Map<Long, Relation> before, Map<Long, Relation> after) {
        List<String> out = new ArrayList<>();
        before.forEach((oid, rel) -> {
            Relation now = after.get(oid);
            if (now != null && (rel.kind() == 'r' || rel.kind() == 'm') && now.fileNode() != rel.fileNode()) {
                out.add(rel.name());
            }
        });
        out.sort(Comparator.naturalOrder());
        return List.copyOf(out);
    }

    private static final List<String> MODES = List.of("AccessExclusiveLock", "ExclusiveLock", "ShareRowExclusiveLock",
            "ShareLock", "ShareUpdateExclusiveLock", "RowExclusiveLock", "RowShareLock", "AccessShareLock");

    private List<TableLock> locks(Map<Long, Relation> before) throws SQLException {
        Map<String, String> strongest = new LinkedHashMap<>();
        try (java.sql.Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT l.relation::bigint, l.mode FROM pg_locks l "
                        + "WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted")) {
            while (rs.next()) {
                Relation rel = before.get(rs.getLong(1));
                if (rel == null) {
                    continue;
                }
                String mode = rs.getString(2);
                strongest.merge(rel.name(), mode, (a, b) -> MODES.indexOf(a) <= MODES.indexOf(b) ? a : b);
            }
        }
        List<TableLock> out = new ArrayList<>();
        strongest.forEach((rel, mode) -> out.add(new TableLock(rel, modeName(mode))));
        out.sort(Comparator.comparingInt((TableLock l) -> MODES.indexOf(modeKey(l.mode()))).thenComparing(TableLock::relation));
        return List.copyOf(out);
    }

    /** {@code AccessExclusiveLock} → {@code ACCESS EXCLUSIVE}. */
    static String modeName(String mode) {
        return mode.replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
    }

    private static String modeKey(String name) {
        for (String m : MODES) {
            if (modeName(m).equals(name)) {
                return m;
            }
        }
        return name;
    }

    private Map<String, String> columnTypes(String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod) "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "WHERE c.relname = ? AND pg_table_is_visible(c.oid) AND a.attnum > 0 AND NOT a.attisdropped")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // The database is throw-away; a failed close loses nothing.
        }
    }
}
