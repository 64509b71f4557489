package dev.tuesday.migrate;

import java.time.Instant;

/**
 * Another Tuesday process is migrating this schema: only one at a time. Says who, so the user can
 * wait for it or find it.
 *
 * @see Migrator.Builder#waitForTuesdayLock(boolean)
 */
public final class LockHeldException extends MigrationException {

    private final String schema;
    private final int pid;
    private final String applicationName;
    private final String clientAddress;
    private final Instant since;

    /** The lock on {@code schema} is held by backend {@code pid}; the other fields may be null. */
    public LockHeldException(String schema, int pid, String applicationName, String clientAddress, Instant since) {
        super("schema \"" + schema + "\" is being migrated by another Tuesday process: "
                + (applicationName == null || applicationName.isEmpty() ? "unknown application" : applicationName)
                + " (backend pid " + pid + (clientAddress == null ? "" : ", from " + clientAddress)
                + (since == null ? "" : ", since " + since) + "); wait for it to finish or use --wait");
        this.schema = schema;
        this.pid = pid;
        this.applicationName = applicationName;
        this.clientAddress = clientAddress;
        this.since = since;
    }

    /** The schema whose lock is held. */
    public String schema() {
        return schema;
    }

    /** The PostgreSQL backend pid of the holder's session. */
    public int pid() {
        return pid;
    }

    /** The holder's {@code application_name}, e.g. {@code tuesday migrate start (pid 1234 on host)}. */
    public String applicationName() {
        return applicationName;
    }

    /** The holder's client address, or null (local or not visible). */
    public String clientAddress() {
        return clientAddress;
    }

    /** When the holder's session started, or null when not visible. */
    public Instant since() {
        return since;
    }
}
