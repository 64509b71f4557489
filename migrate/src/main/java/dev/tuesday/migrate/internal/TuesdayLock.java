package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.LockHeldException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;

/**
 * One Tuesday at a time per schema: a session-level advisory lock held for the whole command by
 * the session that does the command's work. PostgreSQL releases it when that session ends, so a
 * process killed with {@code kill -9} leaves no stale lock behind; and since it is the working
 * session, the lock cannot end while the work goes on (a lock on a session of its own, idle, was
 * ended by an {@code idle_session_timeout} while the work went on without it). The session's own
 * idle timeouts are turned off, so a pause between batches cannot end it either. The key is derived from the schema name, in a key
 * space ({@code classid}) of our own so it does not collide with an application's advisory locks.
 */
public final class TuesdayLock implements AutoCloseable {

    /** {@code classid} of Tuesday's advisory locks: "Tu" in ASCII. */
    private static final int KEY_SPACE = 0x5475;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Connection connection;
    private final String schema;

    private TuesdayLock(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /**
     * Takes the lock of {@code schema} for the session of {@code connection}, which must do the
     * work the lock guards. Fails with {@link LockHeldException} naming the holder, or, when
     * {@code wait}, polls until the holder is gone.
     */
    public static TuesdayLock acquire(Connection connection, String schema, boolean wait, Settings settings)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config(name, '0', false) FROM pg_settings"
                + " WHERE name IN ('idle_session_timeout', 'idle_in_transaction_session_timeout')")) {
            ps.execute();
        }
        boolean reported = false;
        while (true) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, KEY_SPACE);
                ps.setString(2, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new TuesdayLock(connection, schema);
                    }
                }
            }
            LockHeldException held = holder(connection, schema);
            if (!wait) {
                throw held;
            }
            if (!reported) {
                settings.report(null, "waiting: " + held.getMessage());
                reported = true;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Tuesday lock", e);
            }
        }
    }

    private static LockHeldException holder(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT l.pid, a.application_name, host(a.client_addr), a.backend_start
                  FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::oid
                   AND l.objid = hashtext(?)::oid AND l.objsubid = 2
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""")) {
            ps.setInt(1, KEY_SPACE);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // Released between our attempt and this look-up: report an unknown holder.
                    return new LockHeldException(schema, 0, null, null, null);
                }
                Timestamp since = rs.getTimestamp(4);
                return new LockHeldException(schema, rs.getInt(1), rs.getString(2), rs.getString(3),
                        since == null ? null : since.toInstant());
            }
        }
    }

    /** Releases the lock; the session stays open. */
    @Override
    public void close() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, KEY_SPACE);
            ps.setString(2, schema);
            ps.execute();
        }
    }
}
