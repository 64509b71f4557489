package dev.tuesday.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs checks on a small pool of daemon threads, each with its own timeout, so a probe never waits
 * longer than its slowest check's timeout.
 *
 * <p>A check that hangs (a database that accepts connections and never answers) keeps its thread
 * until it returns. Each check therefore has at most one run in flight: while a run is still
 * going, later probes wait for that same run within what is left of its timeout, or fail at once
 * when its timeout has already passed. The number of threads is thus bounded by the number of
 * checks, however often the probes are polled.
 */
final class CheckRunner {

    private record Running(Future<CheckResult> future, Instant started) {
    }

    private final Clock clock;
    private final ExecutorService executor;
    private final Map<RegisteredCheck, Running> running = new ConcurrentHashMap<>();

    CheckRunner(Clock clock) {
        this.clock = clock;
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "tuesday-health-check-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code checks} side by side and returns their outcomes in the same order. */
    List<CheckOutcome> runAll(List<RegisteredCheck> checks) {
        List<Running> started = new ArrayList<>(checks.size());
        for (RegisteredCheck check : checks) {
            started.add(running.compute(check, (k, old) -> old != null && !old.future().isDone() ? old : start(k)));
        }
        List<CheckOutcome> outcomes = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            outcomes.add(collect(checks.get(i), started.get(i)));
        }
        return outcomes;
    }

    private Running start(RegisteredCheck check) {
        return new Running(executor.submit(check.check()::check), clock.instant());
    }

    private CheckOutcome collect(RegisteredCheck check, Running run) {
        Duration remaining = check.timeout().minus(Duration.between(run.started(), clock.instant()));
        CheckResult result;
        try {
            if (remaining.isNegative() || remaining.isZero()) {
                result = run.future().isDone() ? run.future().get() : timedOut(check, true);
            } else {
                result = run.future().get(remaining.toNanos(), TimeUnit.NANOSECONDS);
                if (result == null) {
                    result = CheckResult.fail("check returned no result");
                }
            }
        } catch (TimeoutException e) {
            result = timedOut(check, false);
        } catch (ExecutionException e) {
            result = CheckResult.fail(Redaction.describe(e.getCause() == null ? e : e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = CheckResult.fail("interrupted");
        }
        Duration took = Duration.between(run.started(), clock.instant());
        return new CheckOutcome(check.name(), result, took.compareTo(check.timeout()) > 0 ? check.timeout() : took);
    }

    private static CheckResult timedOut(RegisteredCheck check, boolean stillRunning) {
        return CheckResult.fail("timed out after " + human(check.timeout())
                + (stillRunning ? " (an earlier run is still going)" : ""));
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
