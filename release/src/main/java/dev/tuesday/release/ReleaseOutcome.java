package dev.tuesday.release;

/** How a release ended. */
public sealed interface ReleaseOutcome {

    /** One line for the terminal. */
    String describe();

    /**
     * The new version serves every request and no old instance is left.
     *
     * @param contracted whether the migration was completed; false when the plan defers the contract
     */
    record Completed(boolean contracted) implements ReleaseOutcome {
        @Override
        public String describe() {
            return contracted ? "released; migration completed" : "released; contract pending (run: tuesday release contract)";
        }
    }

    /**
     * The release backed out: the old version serves, the new instances are stopped, the
     * migration is rolled back.
     *
     * @param reason   why
     * @param analysis the canary analyses made before the abort, the failed one last
     */
    record RolledBack(AbortReason reason, java.util.List<AnalysisVerdict> analysis) implements ReleaseOutcome {
        /** Copies the list. */
        public RolledBack {
            analysis = java.util.List.copyOf(analysis);
        }

        @Override
        public String describe() {
            return "rolled back: " + reason.describe();
        }
    }
}
