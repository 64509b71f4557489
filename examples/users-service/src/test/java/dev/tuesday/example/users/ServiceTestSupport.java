package dev.tuesday.example.users;

import dev.tuesday.embedded.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Databases, service environments and probe polling shared by the users-service tests. */
final class ServiceTestSupport {

    static final String OWNER = "users_app";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private ServiceTestSupport() {
    }

    /** A fresh database whose {@code users} table has the v1 shape and one row (id 1, Ada). */
    static String databaseWithUsers(PostgresServer server, String prefix) throws SQLException {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        DataSource ds = server.createDatabase(name, OWNER);
        sql(ds, "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, email text)",
                "INSERT INTO users (name, email) VALUES ('Ada Lovelace', 'ada@example.org')");
        return name;
    }

    static void sql(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The service's environment for {@code database} of {@code server} reached through {@code port}, fast probes. */
    static Map<String, String> env(PostgresServer server, String database, int port, String... more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + port + "/" + database,
                "DATABASE_USER", OWNER,
                "DATABASE_PASSWORD", server.password(OWNER),
                "CHECK_TIMEOUT", "1s",
                "HEALTH_CACHE_TTL", "1s"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    static int status(int port, String path) {
        RawHttp.Outcome o = RawHttp.get(port, path, Duration.ofSeconds(10));
        return o instanceof RawHttp.Answered a ? a.status() : -1;
    }

    /**
     * Polls {@code path} every 50 ms until it answers {@code status}; returns the milliseconds it
     * took, or -1 when {@code within} passed first.
     */
    static long awaitStatus(int port, String path, int status, Duration within) {
        long t0 = System.nanoTime();
        long deadline = t0 + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(port, path) == status) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            ServiceProcess.sleep(50);
        }
        return -1;
    }
}
