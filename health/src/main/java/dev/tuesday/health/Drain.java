package dev.tuesday.health;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** The drain of one {@link Health}: the steps are described on {@link Health#drain()}. */
final class Drain {

    private static final Duration POLL = Duration.ofMillis(10);

    private final Health health;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean skipped = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean clean;

    Drain(Health health) {
        this.health = health;
    }

    boolean run() {
        if (!started.compareAndSet(false, true)) {
            awaitDone();
            return clean;
        }
        try {
            health.enter(HealthState.DRAINING);
            sleep(health.drainDelay());
            for (DrainTarget target : health.targets()) {
                target.stopAccepting();
            }
            Instant deadline = health.clock().instant().plus(health.drainTimeout());
            while (inFlight() > 0 && health.clock().instant().isBefore(deadline)) {
                sleep(POLL);
            }
            clean = inFlight() == 0;
            for (DrainTarget target : health.targets()) {
                Duration left = Duration.between(health.clock().instant(), deadline);
                target.stop(left.isNegative() ? Duration.ZERO : left);
            }
            health.enter(HealthState.STOPPED);
            for (Runnable action : health.stoppedActions()) {
                runSafely(action);
            }
            return clean;
        } finally {
            done.countDown();
        }
    }

    void onShutdown() {
        if (skipped.get()) {
            return;
        }
        boolean finished = run();
        System.out.flush();
        System.err.flush();
        // Without this the JVM would exit 143 after SIGTERM; a drained instance exits cleanly.
        Runtime.getRuntime().halt(finished ? 0 : 1);
    }

    void skip() {
        skipped.set(true);
    }

    private long inFlight() {
        long sum = 0;
        for (DrainTarget target : health.targets()) {
            sum += target.inFlight();
        }
        return sum;
    }

    private void awaitDone() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("tuesday-health: a stopped action failed: " + Redaction.describe(e));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
