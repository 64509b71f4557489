package dev.tuesday.lint;

/**
 * Input that lint, check or convert cannot work with: a missing file, a bad configuration, a schema
 * that does not load, SQL that cannot be split, a migration name that is not a safe file name, a file
 * that already exists. The message is one line that names the file, the field or the operation.
 */
public final class LintException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public LintException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public LintException(String message, Throwable cause) {
        super(message, cause);
    }
}
