package dev.tuesday.release.plan;

/** When the contract (the migration's {@code complete}) runs. */
public enum ContractTiming {
    /** As soon as no old instance is left; the default. */
    AT_END,
    /** Later, by {@code tuesday release contract}; the release ends with the migration still active. */
    DEFERRED
}
