package dev.tuesday.release;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Something a running release did, for the terminal and for tests. */
public sealed interface ReleaseEvent {

    /** One line for the terminal. */
    String line();

    /** A phase began. */
    record PhaseStarted(Phase phase, String detail) implements ReleaseEvent {
        @Override
        public String line() {
            return "[" + phase.label() + "] " + detail;
        }
    }

    /** An instance's process started. */
    record InstanceStarted(String id, String version, String address) implements ReleaseEvent {
        @Override
        public String line() {
            return "  started " + id + " (" + version + ") on " + address;
        }
    }

    /** An instance became ready and is in rotation. */
    record InstanceReady(String id, Duration after) implements ReleaseEvent {
        @Override
        public String line() {
            return "  " + id + " ready after " + after.toMillis() + " ms";
        }
    }

    /** An instance was drained and stopped. */
    record InstanceStopped(String id, int exitCode) implements ReleaseEvent {
        @Override
        public String line() {
            return "  drained and stopped " + id + " (exit " + exitCode + ")";
        }
    }

    /** The balancer's weights changed. */
    record WeightsChanged(Map<String, Integer> weights) implements ReleaseEvent {
        /** Copies the map. */
        public WeightsChanged {
            weights = Map.copyOf(weights);
        }

        @Override
        public String line() {
            return "  weights " + new TreeMap<>(weights).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        }
    }

    /** A canary step was analysed. */
    record Analysed(AnalysisVerdict verdict) implements ReleaseEvent {
        @Override
        public String line() {
            return "  analysis " + verdict.describe();
        }
    }

    /** The release is backing out. */
    record Aborting(AbortReason reason) implements ReleaseEvent {
        @Override
        public String line() {
            return "  ABORT: " + reason.describe();
        }
    }

    /** The release ended. */
    record Finished(ReleaseOutcome outcome) implements ReleaseEvent {
        @Override
        public String line() {
            return "[end] " + outcome.describe();
        }
    }
}
