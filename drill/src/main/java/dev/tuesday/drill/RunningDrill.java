package dev.tuesday.drill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A drill running in the background while the caller does something worth measuring.
 *
 * <pre>{@code
 * RunningDrill drill = Drill.configure().target(uri).rate(200).duration(Duration.ofMinutes(2)).build().start();
 * try (SpanMark expand = drill.beginSpan("expand")) { migrator.start(); }
 * try (SpanMark roll = drill.beginSpan("roll")) { rollout.run(); }
 * DrillResult result = drill.stop();   // or await() to let the schedule run to its end
 * }</pre>
 *
 * <p>{@link Drill#start()} first sends a few requests that are not counted (at most
 * 2 s), so the client's own start-up is not charged to the service.
 *
 * <p>Both {@link #stop()} and {@link #await()} wait for the requests in flight, run the final
 * verification of written rows, and return the same result on every call.
 */
public final class RunningDrill implements AutoCloseable {

    /**
     * How long {@link Drill#start()} may spend warming the HTTP client up before the schedule
     * begins. A cold JVM needs a moment to load and compile the client; without this the first
     * second of every drill would charge the drill's own start-up to the service.
     */
    static final Duration WARM_UP = Duration.ofSeconds(2);

    private final Drill drill;
    private final Clock clock;
    private final Instant started;
    private final Recorder recorder;
    private final LoadLoop loop;
    private final Http http;
    private final WorkloadDriver driver;
    private final List<OpenSpan> spans = new ArrayList<>();
    private final CompletableFuture<DrillResult> result = new CompletableFuture<>();
    private volatile long sentAtLastTick;
    private volatile long answeredAtLastTick;

    private RunningDrill(Drill drill) {
        this.drill = drill;
        this.clock = drill.clock();
        this.http = new Http(drill.timeout());
        this.driver = WorkloadDriver.of(drill.workload(), drill.target(), http, drill.seed(), clock);
        http.warmUp(driver.warmUpTarget(), WARM_UP);
        long startNanos = System.nanoTime() + Duration.ofMillis(20).toNanos();
        this.started = clock.instant().plusMillis(20);
        this.recorder = new Recorder(startNanos, drill.plannedRequests(), drill.timeout());
        this.loop = new LoadLoop(driver, recorder, drill.rate(), drill.plannedRequests(), startNanos, drill.maxInFlight());
    }

    static RunningDrill start(Drill drill) {
        RunningDrill running = new RunningDrill(drill);
        Thread.ofPlatform().name("drill-schedule").daemon().start(running::runToEnd);
        Thread.ofPlatform().name("drill-progress").daemon().start(running::tickProgress);
        return running;
    }

    /** When the first request was scheduled. */
    public Instant started() {
        return started;
    }

    /** Begins a phase now; it ends when the returned mark is closed, or when the drill ends. */
    public SpanMark beginSpan(String name) {
        Objects.requireNonNull(name, "name");
        OpenSpan span = new OpenSpan(name, clock.instant());
        synchronized (spans) {
            spans.add(span);
        }
        return () -> span.end(clock.instant());
    }

    /** Records a phase whose start and end the caller measured. */
    public void markSpan(String name, Instant start, Instant end) {
        Span checked = new Span(name, start, end);
        OpenSpan span = new OpenSpan(checked.name(), checked.start());
        span.end(checked.end());
        synchronized (spans) {
            spans.add(span);
        }
    }

    /**
     * A live reading: what was sent so far, the failures so far, and what is in flight. The
     * per-second figures are zero here; the progress listener gets them.
     */
    public Progress progress() {
        Duration elapsed = Duration.between(started, clock.instant());
        return new Progress(elapsed.isNegative() ? Duration.ZERO : elapsed, 0, 0, recorder.sent(),
                recorder.failedByKind(), recorder.inFlight(), Duration.ZERO);
    }

    /** True once the result is ready. */
    public boolean isFinished() {
        return result.isDone();
    }

    /** Stops scheduling requests now, then finishes as {@link #await()}. */
    public DrillResult stop() {
        loop.stop();
        return await();
    }

    /**
     * Waits until the schedule has run to its end, the requests in flight are answered or timed
     * out, and the written rows are verified; returns what the drill measured.
     *
     * @throws DrillFailed when the drill itself broke or the waiting thread was interrupted
     */
    public DrillResult await() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrillFailed("interrupted while waiting for the drill", e);
        } catch (ExecutionException | CompletionException e) {
            throw new DrillFailed("the drill broke", e.getCause());
        }
    }

    /** Stops the drill if it still runs, and waits for it. */
    @Override
    public void close() {
        if (!result.isDone()) {
            stop();
        }
    }

    private void runToEnd() {
        try {
            long sent = loop.run();
            Instant loadEnded = clock.instant();
            loop.drain(drill.timeout().plusSeconds(2));
            Verification verification = driver.verify(clock.instant().plus(drill.verifyTimeout()));
            Duration scheduledFor = Duration.ofNanos(sent * 1_000_000_000L / drill.rate());
            result.complete(new DrillResult(drill.target(), drill.workload().name(), drill.rate(), started,
                    scheduledFor, recorder.timeline(), closedSpans(loadEnded),
                    recorder.verdict(sent, drill.rate(), verification), recorder.samples()));
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        } finally {
            http.close();
        }
    }

    private void tickProgress() {
        Consumer<Progress> listener = drill.progressListener();
        long tick = 1;
        while (!result.isDone() && !Thread.currentThread().isInterrupted()) {
            Instant next = started.plusSeconds(tick);
            Duration wait = Duration.between(clock.instant(), next);
            if (!wait.isNegative() && !wait.isZero()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (result.isDone()) {
                return;
            }
            long sent = recorder.sent();
            long answered = recorder.answered();
            Progress p = new Progress(Duration.ofSeconds(tick), sent - sentAtLastTick, answered - answeredAtLastTick,
                    sent, recorder.failedByKind(), recorder.inFlight(), recorder.takeLastSecondP99());
            sentAtLastTick = sent;
            answeredAtLastTick = answered;
            tick++;
            try {
                listener.accept(p);
            } catch (RuntimeException e) {
                // A broken listener must not end the measurement; the drill keeps running silently.
                return;
            }
        }
    }

    private List<Span> closedSpans(Instant end) {
        synchronized (spans) {
            return spans.stream().map(p -> p.closed(end)).sorted(Comparator.comparing(Span::start)).toList();
        }
    }

    /** A phase the caller began and may not have ended yet. */
    private static final class OpenSpan {
        private final String name;
        private final Instant start;
        private volatile Instant end;

        OpenSpan(String name, Instant start) {
            this.name = name;
            this.start = start;
        }

        void end(Instant at) {
            if (end == null) {
                end = at.isBefore(start) ? start : at;
            }
        }

        Span closed(Instant fallback) {
            Instant e = end != null ? end : (fallback.isBefore(start) ? start : fallback);
            return new Span(name, start, e);
        }
    }
}
