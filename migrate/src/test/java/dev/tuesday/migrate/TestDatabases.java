package dev.tuesday.migrate;

import dev.tuesday.embedded.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Real PostgreSQL servers for the module's tests: one per major version per JVM, started on first
 * use, and a fresh database per test, owned by a non-superuser role ({@link #OWNER}) that also
 * owns its {@code public} schema — the set-up of an application in production.
 */
public final class TestDatabases {

    /** The role that owns every test database; not a superuser. */
    public static final String OWNER = "app_owner";

    private static final Map<Integer, PostgresServer> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Map<String, Database> TEMPLATES = new HashMap<>();

    private TestDatabases() {
    }

    /** The versions every engine test runs on: the oldest and the newest we support. */
    public static Stream<Integer> versions() {
        return Stream.of(13, 18);
    }

    /** The shared server of {@code major}, started on first use. */
    public static synchronized PostgresServer server(int major) {
        return SERVERS.computeIfAbsent(major, PostgresServer::temporary);
    }

    /** A fresh database on the server of {@code major}. */
    public static Database fresh(int major) {
        PostgresServer server = server(major);
        String name = "t" + COUNTER.incrementAndGet();
        server.createDatabase(name, OWNER);
        return new Database(server, name);
    }

    /**
     * A fresh database on the server of {@code major}, a copy of the one {@code build} made there
     * the first time {@code key} was asked for: for a set-up that many tests repeat (a large
     * fixture, a migration started on it). The first one is kept as the template, closed to
     * connections; each call copies it ({@code CREATE DATABASE … TEMPLATE}, a file copy, several
     * times cheaper than loading a large fixture again), owned by {@link #OWNER} like the rest.
     * The copy is the same catalog and rows as {@code build} run again would give.
     */
    public static Database copyOf(String key, int major, Supplier<Database> build) {
        Database template;
        synchronized (TEMPLATES) {
            // Not computeIfAbsent: build may itself copy a template (a started migration on a fixture).
            template = TEMPLATES.get(key + "@" + major);
            if (template == null) {
                template = closed(build.get());
                TEMPLATES.put(key + "@" + major, template);
            }
        }
        String name = "t" + COUNTER.incrementAndGet();
        superuser(template.server(), "CREATE DATABASE " + name + " TEMPLATE " + template.name() + " OWNER " + OWNER);
        return new Database(template.server(), name);
    }

    /** {@code db}, which nobody may connect to any more: a copy needs its template without sessions. */
    private static Database closed(Database db) {
        superuser(db.server(), "ALTER DATABASE " + db.name() + " WITH ALLOW_CONNECTIONS false");
        return db;
    }

    private static void superuser(PostgresServer server, String sql) {
        try (Connection c = server.dataSource("postgres", PostgresServer.SUPERUSER).getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** One test database. */
    public record Database(PostgresServer server, String name) {

        /** Connections as the owner, default search path. */
        public DataSource dataSource() {
            return dataSource(null);
        }

        /** Connections as the owner with {@code currentSchema} (the way an application picks its version). */
        public DataSource dataSource(String currentSchema) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setServerNames(new String[] {"127.0.0.1"});
            ds.setPortNumbers(new int[] {server.port()});
            ds.setDatabaseName(name);
            ds.setUser(OWNER);
            ds.setPassword(server.password(OWNER));
            if (currentSchema != null) {
                ds.setCurrentSchema(currentSchema);
            }
            return ds;
        }

        /** Runs statements as the owner. */
        public void exec(String... sql) {
            try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                for (String q : sql) {
                    s.execute(q);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        /** The rows of a query, each column as text. */
        public List<List<String>> rows(String sql) {
            try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                List<List<String>> rows = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        /** The first column of the first row of a query, as text. */
        public String value(String sql) {
            List<List<String>> rows = rows(sql);
            return rows.isEmpty() ? null : rows.getFirst().getFirst();
        }

        /** Column names of a table or view, in order. */
        public List<String> columns(String schema, String relation) {
            return rows("SELECT attname FROM pg_attribute WHERE attrelid = (quote_ident('" + schema.replace("'", "''")
                    + "') || '.' || quote_ident('" + relation.replace("'", "''") + "'))::regclass AND attnum > 0"
                    + " AND NOT attisdropped ORDER BY attnum").stream().map(List::getFirst).toList();
        }

        /**
         * Everything of the catalog a migration may touch in {@code schema}: relations, columns with
         * types and nullability, constraints, indexes, triggers, functions; one line each, sorted.
         */
        public List<String> catalog(String schema) {
            String s = "'" + schema.replace("'", "''") + "'";
            return rows("""
                    SELECT 'rel ' || c.relname || ' ' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %1$s
                    UNION ALL SELECT 'col ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
                      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum WHERE n.nspname = %1$s
                    UNION ALL SELECT 'con ' || conname || ' ' || pg_get_constraintdef(o.oid) FROM pg_constraint o JOIN pg_namespace n ON n.oid = o.connamespace WHERE n.nspname = %1$s
                    UNION ALL SELECT 'trg ' || tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %1$s AND NOT t.tgisinternal
                    UNION ALL SELECT 'fn ' || proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %1$s
                    UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%%' AND nspname <> 'information_schema'
                    ORDER BY 1""".formatted(s)).stream().map(List::getFirst).toList();
        }
    }
}
