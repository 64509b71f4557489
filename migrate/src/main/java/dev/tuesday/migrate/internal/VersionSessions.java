package dev.tuesday.migrate.internal;

import dev.tuesday.health.VersionSchema;
import dev.tuesday.migrate.VersionInUseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The version handshake: before a command drops version schemas, the sessions of this database
 * that name one of them in their {@code application_name} (the rule of
 * {@link VersionSchema#applicationName}) are looked for. An application stopped just before (the
 * last step of a release) may still be closing its connections, so they are given
 * {@link Settings#versionInUseWait()} to go; any left make the command refuse, naming them, before
 * it changes anything — unless {@link Settings#dropVersionInUse()}.
 */
final class VersionSessions {
    private static final long POLL_MILLIS = 100;
    private static final int NAMED_AT_MOST = 5;

    private VersionSessions() {
    }

    /**
     * Returns once no session names any of {@code dropped}; otherwise throws.
     *
     * @param action what would drop them, for the message: "complete of \"02_full_name\" would drop"
     * @throws VersionInUseException naming the sessions still there after the wait
     */
    static void refuseWhileUsed(Connection c, Settings settings, String migration, String action, Set<String> dropped)
            throws SQLException {
        if (dropped.isEmpty()) {
            return;
        }
        List<VersionInUseException.Session> using = using(c, dropped);
        long until = System.nanoTime() + settings.versionInUseWait().toNanos();
        if (!using.isEmpty() && !settings.dropVersionInUse()) {
            settings.report(migration, using.size() + " session(s) still use " + names(dropped) + ": waiting up to "
                    + settings.versionInUseWait().toMillis() + " ms for them to end");
        }
        while (!using.isEmpty() && System.nanoTime() - until < 0) {
            sleep();
            using = using(c, dropped);
        }
        if (using.isEmpty()) {
            return;
        }
        String named = using.stream().limit(NAMED_AT_MOST).map(VersionInUseException.Session::describe)
                .collect(Collectors.joining(", "));
        String more = using.size() > NAMED_AT_MOST ? " and " + (using.size() - NAMED_AT_MOST) + " more" : "";
        if (settings.dropVersionInUse()) {
            settings.report(migration, "forced: " + action + " " + names(dropped) + " while " + using.size()
                    + " session(s) use it: " + named + more);
            return;
        }
        throw new VersionInUseException(action + " " + names(dropped) + ", which " + using.size()
                + " session(s) still use: " + named + more + "; stop those applications first (their version is gone"
                + " after this), or force it with --force", using);
    }

    /** The sessions of this database, other than this one, whose application_name names one of {@code schemas}. */
    static List<VersionInUseException.Session> using(Connection c, Set<String> schemas) throws SQLException {
        String sql = """
                SELECT pid, application_name, usename, backend_start FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> ''
                 ORDER BY backend_start, pid""";
        List<VersionInUseException.Session> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(2);
                Optional<String> schema = VersionSchema.inApplicationName(name).filter(schemas::contains);
                if (schema.isPresent()) {
                    found.add(new VersionInUseException.Session(rs.getInt(1), schema.get(), name, rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return found;
    }

    private static String names(Set<String> schemas) {
        return (schemas.size() == 1 ? "version schema " : "version schemas ")
                + schemas.stream().sorted().map(Sql::ident).collect(Collectors.joining(", "));
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sessions of an old version to end", e);
        }
    }
}
