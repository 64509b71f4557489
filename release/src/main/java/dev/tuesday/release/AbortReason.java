package dev.tuesday.release;

import dev.tuesday.common.Durations;
import java.time.Duration;

/** Why a release backed out. */
public sealed interface AbortReason {

    /** One line for the terminal. */
    String describe();

    /** A new instance did not become ready within the readiness deadline. */
    record NotReady(String instanceId, Duration deadline) implements AbortReason {
        @Override
        public String describe() {
            return instanceId + " was not ready within " + Durations.format(deadline);
        }
    }

    /** A new instance's process ended on its own. */
    record Crashed(String instanceId, int exitCode) implements AbortReason {
        @Override
        public String describe() {
            return instanceId + " exited with code " + exitCode;
        }
    }

    /** A canary step failed its analysis. */
    record AnalysisFailed(AnalysisVerdict verdict) implements AbortReason {
        @Override
        public String describe() {
            return "canary analysis failed: " + verdict.describe();
        }
    }

    /** Somebody asked for it ({@code tuesday release abort}). */
    record Requested() implements AbortReason {
        @Override
        public String describe() {
            return "abort requested";
        }
    }

    /** The process running the release died mid-way ({@code kill -9}, a crash); a recovery backs out for it. */
    record Died(long pid, Phase phase) implements AbortReason {
        @Override
        public String describe() {
            return "the release's process (pid " + pid + ") died during its " + phase.label();
        }
    }

    /** A step failed with an error, for example the migration's start. */
    record StepFailed(String step, String message) implements AbortReason {
        @Override
        public String describe() {
            return step + " failed: " + message;
        }
    }
}
