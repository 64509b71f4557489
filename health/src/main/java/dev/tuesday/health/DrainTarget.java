package dev.tuesday.health;

import java.time.Duration;

/**
 * A server that {@link Health#drain()} takes out of service: the HTTP bindings register one.
 *
 * <p>The drain calls {@link #stopAccepting()} once the drain delay is over, polls
 * {@link #inFlight()} until it reaches zero or the drain timeout passes, then calls {@link #stop}.
 */
public interface DrainTarget {

    /** Closes the listening sockets: new connections are refused, accepted ones go on. */
    void stopAccepting();

    /** The requests being handled now. */
    long inFlight();

    /** Stops the server, giving requests still running at most {@code grace} to finish. */
    void stop(Duration grace);
}
