package dev.tuesday.lint.convert;

/**
 * Input that {@code convert} or {@code create} cannot work with: SQL that cannot be read, a name
 * that is not a safe file name, a file that already exists. The message is one line naming the
 * file or the name.
 */
public final class ConvertException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public ConvertException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public ConvertException(String message, Throwable cause) {
        super(message, cause);
    }
}
