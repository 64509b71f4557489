package dev.tuesday.health;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests a server is handling, for the drain to wait on.
 *
 * <p>{@link #enter()} increments the counter <em>before</em> it reads the draining flag (the order
 * Jetty's graceful handler uses): a request that saw "not draining" is therefore always counted by
 * the time the drain, which sets the flag first, starts waiting for the counter to reach zero.
 * Every {@code enter()} must be paired with one {@link #exit()}, in a {@code finally}.
 */
public final class InFlight {

    private final LongAdder count = new LongAdder();
    private final Health health;

    /** A counter whose draining flag is {@code health}'s lifecycle. */
    public InFlight(Health health) {
        this.health = health;
    }

    /**
     * A request begins.
     *
     * @return whether the instance is draining, so the response must carry {@code Connection: close}
     */
    public boolean enter() {
        count.increment();
        return health.isDraining();
    }

    /** A request ended (answered or failed). */
    public void exit() {
        count.decrement();
    }

    /** The requests in flight now. */
    public long current() {
        return count.sum();
    }
}
