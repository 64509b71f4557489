package dev.tuesday.migrate;

import java.time.Instant;
import java.util.List;

/**
 * {@code complete} or {@code rollback} would drop a version schema that sessions of a running
 * application still name in their {@code application_name} (see
 * {@code dev.tuesday.health.VersionSchema#applicationName}): those applications would fail on
 * their next query. Nothing was changed. Stop them, or force the command.
 */
public final class VersionInUseException extends MigrationException {

    private final List<Session> sessions;

    /** {@code sessions} use the version schemas the command was about to drop. */
    public VersionInUseException(String message, List<Session> sessions) {
        super(message);
        this.sessions = List.copyOf(sessions);
    }

    /** The sessions found, each on a version schema the command would drop. */
    public List<Session> sessions() {
        return sessions;
    }

    /**
     * One session of {@code pg_stat_activity}.
     *
     * @param pid             its server process
     * @param versionSchema   the version schema it names
     * @param applicationName its whole {@code application_name}
     * @param user            the role it logged in as
     * @param since           when it connected
     */
    public record Session(int pid, String versionSchema, String applicationName, String user, Instant since) {
        /** One line for a message. */
        public String describe() {
            return "pid " + pid + " \"" + applicationName + "\" (" + user + ", connected " + since + ")";
        }
    }
}
