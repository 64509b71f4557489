package dev.tuesday.drill;

/**
 * The drill itself broke (not the service it loads): an unexpected error in the engine, or the
 * caller's thread interrupted while waiting. The cause says what.
 */
public final class DrillFailed extends RuntimeException {

    /**
     * @param message what the drill was doing
     * @param cause   what went wrong
     */
    public DrillFailed(String message, Throwable cause) {
        super(message + ": " + cause, cause);
    }
}
