package dev.tuesday.migrate;

import java.time.Duration;

/**
 * A DDL step could not get its table lock: every attempt ran into another session's lock for
 * longer than the lock timeout, until the attempts or the deadline ran out. What start had done
 * before is undone.
 */
public final class LockTimeoutException extends MigrationException {

    private final String step;
    private final int attempts;
    private final Duration elapsed;

    /** Step {@code step} gave up after {@code attempts} attempts over {@code elapsed}. */
    public LockTimeoutException(String step, int attempts, Duration elapsed, Duration lockTimeout) {
        super("gave up on \"" + step + "\" after " + attempts + " attempts in " + elapsed.toMillis() + " ms: another "
                + "session holds a conflicting lock (each attempt waited at most " + lockTimeout.toMillis()
                + " ms); retry later or raise --lock-timeout");
        this.step = step;
        this.attempts = attempts;
        this.elapsed = elapsed;
    }

    /** The step that gave up. */
    public String step() {
        return step;
    }

    /** How many times it was tried. */
    public int attempts() {
        return attempts;
    }

    /** Time from the first attempt to giving up. */
    public Duration elapsed() {
        return elapsed;
    }
}
