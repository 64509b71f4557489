package dev.tuesday.health;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The checks Tuesday ships: database reachable, version schema present, no deadlocked threads. */
public final class Checks {

    private Checks() {
    }

    /**
     * Passes when a connection from {@code dataSource} is valid within {@code validityTimeout}
     * ({@link Connection#isValid(int)}, rounded up to whole seconds). A readiness check: never
     * register it for liveness, a database blip must not restart every instance.
     */
    public static HealthCheck database(DataSource dataSource, Duration validityTimeout) {
        Objects.requireNonNull(dataSource, "dataSource");
        int seconds = (int) Math.max(1, (validityTimeout.toMillis() + 999) / 1000);
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid(seconds) ? CheckResult.pass() : CheckResult.fail("connection is not valid");
            } catch (SQLException e) {
                return CheckResult.fail(sqlFailure(e));
            }
        };
    }

    /**
     * Passes when {@code schema} exists in the database: the version schema this build reads and
     * writes through (for example {@code public_02_full_name}), created by {@code tuesday migrate start}.
     */
    public static HealthCheck versionSchema(DataSource dataSource, String schema) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(schema, "schema");
        return () -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
                s.setString(1, schema);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? CheckResult.pass(schema) : CheckResult.fail("version schema " + schema + " does not exist");
                }
            } catch (SQLException e) {
                return CheckResult.fail(sqlFailure(e));
            }
        };
    }

    /**
     * Passes unless threads are deadlocked on monitors or synchronizers
     * ({@link ThreadMXBean#findDeadlockedThreads()}): a liveness check, it never touches the database.
     */
    public static HealthCheck deadlocks() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return () -> {
            long[] ids = threads.findDeadlockedThreads();
            if (ids == null || ids.length == 0) {
                return CheckResult.pass();
            }
            String names = Arrays.stream(threads.getThreadInfo(ids))
                    .filter(Objects::nonNull)
                    .map(ThreadInfo::getThreadName)
                    .collect(Collectors.joining(", "));
            return CheckResult.fail(ids.length + " deadlocked threads: " + names);
        };
    }

    private static String sqlFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : " [" + e.getSQLState() + "]";
        return Redaction.describe(e) + state;
    }
}
