package dev.tuesday.release;

/** Where a release stands; written to the state file at every change. */
public enum Phase {
    /** Read and checked; nothing done yet. */
    PLANNED,
    /** Starting the migration: the new version schema appears beside the old one. */
    EXPAND,
    /** Moving traffic from the old instances to the new ones. */
    ROLL,
    /** Completing the migration: the old shape goes away. */
    CONTRACT,
    /** Rolled out; the contract waits for {@code tuesday release contract}. */
    CONTRACT_PENDING,
    /** Finished: the new version serves and the migration is complete. */
    DONE,
    /** Backing out: old version back in rotation, new instances stopped, migration rolled back. */
    ROLLING_BACK,
    /** Backed out: the old version serves, the migration is rolled back. */
    ROLLED_BACK,
    /** The release and its rollback both failed; an operator must look. */
    FAILED;

    /** Lower-case name with dashes, as printed and stored. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
