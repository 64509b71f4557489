package dev.tuesday.release.traffic;

/**
 * The traffic layer does not answer: its process is gone or its control socket cannot be
 * reached. Nothing is sent to the instances through it then, so a release backing out still
 * stops the new instances and rolls the migration back without it.
 */
public final class TrafficUnreachable extends RuntimeException {
    /**
     * @param message one line naming the traffic layer and the way out
     * @param cause   the failure underneath
     */
    public TrafficUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
