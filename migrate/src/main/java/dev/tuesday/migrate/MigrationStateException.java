package dev.tuesday.migrate;

/**
 * The command does not fit the state of the schema: {@code complete} or {@code rollback} with no
 * active migration, {@code start} while another is active, a migration already applied, or an
 * applied migration whose file has changed since.
 */
public final class MigrationStateException extends MigrationException {

    private final String schema;
    private final String migration;

    /** A state problem on {@code schema} about {@code migration} (may be null). */
    public MigrationStateException(String schema, String migration, String message) {
        super(message);
        this.schema = schema;
        this.migration = migration;
    }

    /** The schema concerned. */
    public String schema() {
        return schema;
    }

    /** The migration concerned, or null. */
    public String migration() {
        return migration;
    }
}
