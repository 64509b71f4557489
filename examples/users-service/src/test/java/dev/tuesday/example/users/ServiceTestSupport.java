package dev.tuesday.example.users;

import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Databases, service environments and probe polling shared by the users-service tests. */
final class ServiceTestSupport {

    static final String OWNER = "users_app";

    private ServiceTestSupport() {
    }

    /** A fresh database whose {@code users} table has the v1 shape and one row (id 1, Ada). */
    static TestDatabase databaseWithUsers(TemporaryPostgres postgres, String prefix) throws SQLException {
        TestDatabase database = postgres.freshDatabase(prefix, OWNER);
        database.execute("CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, email text)",
                "INSERT INTO users (name, email) VALUES ('Ada Lovelace', 'ada@example.org')");
        return database;
    }

    /** The service's environment for {@code database} reached through {@code port}, fast probes. */
    static Map<String, String> env(TestDatabase database, int port, String... more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + port + "/" + database.name(),
                "DATABASE_USER", database.owner(),
                "DATABASE_PASSWORD", database.password(),
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
