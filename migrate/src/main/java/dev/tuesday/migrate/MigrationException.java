package dev.tuesday.migrate;

/**
 * The root of every failure the migrate module reports: a bad file, a migration that does not fit
 * the schema, a lock held by another process, a DDL that gave up. Unchecked, because callers
 * rarely recover one kind differently from another; each subclass carries the data behind its
 * message, and the message itself is one line a user can act on.
 */
public class MigrationException extends RuntimeException {

    /** A failure described by {@code message} (one line, no stack trace needed to understand it). */
    public MigrationException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause} (kept for {@code --verbose}). */
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
