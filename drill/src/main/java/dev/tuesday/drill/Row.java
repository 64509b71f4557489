package dev.tuesday.drill;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One row the service acknowledged writing, and what it may hold now.
 *
 * <p>Usually one value: the last acknowledged one. After an update whose outcome is unknown
 * (timeout, reset, 5xx: it may or may not have been applied) both the old and the new value are
 * acceptable, until a read shows which one the service kept.
 *
 * <p>Only one request at a time works on a row ({@link #claim()}), so what a read expects is
 * never changed by a write in flight.
 */
final class Row {

    final String id;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Set<UserValue> acceptable;

    Row(String id, UserValue value) {
        this.id = id;
        this.acceptable = Set.of(value);
    }

    boolean claim() {
        return busy.compareAndSet(false, true);
    }

    void release() {
        busy.set(false);
    }

    Set<UserValue> acceptable() {
        return acceptable;
    }

    /** The service acknowledged {@code value}: it is the only one acceptable now. */
    void acknowledged(UserValue value) {
        acceptable = Set.of(value);
    }

    /** An update may or may not have been applied: {@code value} becomes acceptable too. */
    void perhaps(UserValue value) {
        Set<UserValue> both = new LinkedHashSet<>(acceptable);
        both.add(value);
        acceptable = Set.copyOf(both);
    }
}
