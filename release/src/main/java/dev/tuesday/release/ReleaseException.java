package dev.tuesday.release;

/**
 * A release that could not finish and could not cleanly back out either (or a command such as
 * {@code contract} or {@code abort} that cannot run now). The message says what state things
 * were left in.
 */
public final class ReleaseException extends RuntimeException {
    /** @param message one line a user can act on */
    public ReleaseException(String message) {
        super(message);
    }

    /**
     * @param message one line a user can act on
     * @param cause   the failure underneath
     */
    public ReleaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
