package dev.tuesday.migrate;

/** PostgreSQL rejected one step of a migration (other than a lock timeout). */
public final class StepFailedException extends MigrationException {

    private final String step;
    private final String sqlState;

    /** Step {@code step} failed with SQLSTATE {@code sqlState} and PostgreSQL's {@code reason}. */
    public StepFailedException(String migration, String step, String sqlState, String reason, Throwable cause) {
        super((migration == null ? "" : migration + ": ") + step + " failed: " + reason
                + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")"), cause);
        this.step = step;
        this.sqlState = sqlState;
    }

    /** The step that failed. */
    public String step() {
        return step;
    }

    /** PostgreSQL's SQLSTATE, or null. */
    public String sqlState() {
        return sqlState;
    }
}
