package dev.tuesday.example.users;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults a test or a demo can inject: a share of requests that fail with 500 and extra
 * latency, for the whole instance (settings) or one request ({@code ?delay=1s}).
 *
 * @param failRate the share of requests that fail, 0 to 1
 * @param delay the latency added to every request
 */
record Faults(double failRate, Duration delay) {

    /** The longest per-request delay accepted, so a typo cannot hold a thread for hours. */
    static final Duration MAX_DELAY = Duration.ofMinutes(1);

    /** Whether this request should fail (drawn at random with the configured rate). */
    boolean failThisOne() {
        return failRate > 0 && ThreadLocalRandom.current().nextDouble() < failRate;
    }

    /** Sleeps the configured delay plus {@code extra}. */
    void pause(Duration extra) throws InterruptedException {
        Duration total = delay.plus(extra);
        if (total.compareTo(MAX_DELAY) > 0) {
            total = MAX_DELAY;
        }
        if (!total.isZero()) {
            Thread.sleep(total);
        }
    }
}
