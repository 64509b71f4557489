package dev.tuesday.cli.demo;

import dev.tuesday.drill.Drill;
import dev.tuesday.drill.DrillResult;
import dev.tuesday.drill.SpanMark;
import dev.tuesday.drill.RunningDrill;
import dev.tuesday.drill.Workload;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;

/**
 * The drill load of one run, with the current phase marked on its timeline so the report can
 * shade it. Progress goes to the terminal once a second.
 */
final class Load implements AutoCloseable {

    /** An upper bound: the run stops the load long before. */
    private static final Duration LONGEST = Duration.ofMinutes(10);
    /** What a user would wait before giving up on one request. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RunningDrill drill;
    private SpanMark phase;

    private Load(RunningDrill drill) {
        this.drill = drill;
    }

    /**
     * A short load whose results are dropped: the balancer, the instances and the drill's client
     * all start cold, and a release happens to a warm fleet.
     */
    static void warmUp(URI target, int rate, Duration duration) {
        Drill.configure().target(target).rate(rate).duration(duration).workload(Workload.users())
                .timeout(TIMEOUT).build().run();
    }

    static Load start(URI target, int rate, String run, PrintWriter out) {
        RunningDrill drill = Drill.configure().target(target).rate(rate).duration(LONGEST).workload(Workload.users())
                .timeout(TIMEOUT)
                .onProgress(p -> {
                    out.println("  " + run + " load: " + p.line());
                    out.flush();
                })
                .build().start();
        return new Load(drill);
    }

    /** Ends the current phase and begins {@code name}. */
    synchronized void phase(String name) {
        endPhase();
        phase = drill.beginSpan(name);
    }

    synchronized void endPhase() {
        if (phase != null) {
            phase.end();
            phase = null;
        }
    }

    /** Stops sending, reads back every write, and returns the verdict. */
    DrillResult stop() {
        endPhase();
        return drill.stop();
    }

    @Override
    public void close() {
        drill.close();
    }
}
