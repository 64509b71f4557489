package dev.tuesday.drill;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop schedule: request {@code i} is due at {@code start + i / rate} seconds and is
 * handed to a virtual thread of its own at that time, whether the earlier ones were answered or
 * not. The loop never waits for an answer, so a stalled service cannot slow the schedule down;
 * at worst {@code maxInFlight} requests wait for a slot, and their latency keeps running from
 * their due time.
 *
 * <p>If this thread itself falls behind (a GC pause), the requests it owes leave at once and are
 * still timed from their due times: the delay is charged, not hidden.
 */
final class LoadLoop {

    private static final long PARK_SLICE_NANOS = Duration.ofMillis(20).toNanos();

    private final WorkloadDriver driver;
    private final Recorder recorder;
    private final int rate;
    private final long planned;
    private final long startNanos;
    private final Semaphore slots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;
    private volatile long scheduled;

    LoadLoop(WorkloadDriver driver, Recorder recorder, int rate, long planned, long startNanos, int maxInFlight) {
        this.driver = driver;
        this.recorder = recorder;
        this.rate = rate;
        this.planned = planned;
        this.startNanos = startNanos;
        this.slots = new Semaphore(maxInFlight);
    }

    /** Sends every planned request on time, unless stopped. Returns how many were sent. */
    long run() {
        long i = 0;
        for (; i < planned; i++) {
            long due = startNanos + i * 1_000_000_000L / rate;
            if (!sleepUntil(due)) {
                break;
            }
            recorder.sent(due);
            long seq = i;
            workers.execute(() -> exchange(seq, due));
            scheduled = i + 1;
        }
        return i;
    }

    /** Ends the schedule now; requests in flight go on. */
    void stop() {
        stopping = true;
    }

    long scheduled() {
        return scheduled;
    }

    /**
     * Waits for the requests in flight, up to {@code grace}; any still running then are
     * interrupted (each is bounded by the request timeout, so this is a safety net).
     */
    void drain(Duration grace) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void exchange(long seq, long due) {
        slots.acquireUninterruptibly();
        Outcome outcome;
        try {
            outcome = driver.exchange(seq);
        } catch (RuntimeException e) {
            // A bug in a check must not vanish into a dead virtual thread: it is counted and shown.
            outcome = Outcome.failed(FailureKind.OTHER, false, "request " + seq, e.toString());
        } finally {
            slots.release();
        }
        recorder.completed(seq, due, System.nanoTime(), outcome);
    }

    private boolean sleepUntil(long due) {
        while (!stopping) {
            long wait = due - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(wait, PARK_SLICE_NANOS));
        }
        return false;
    }
}
