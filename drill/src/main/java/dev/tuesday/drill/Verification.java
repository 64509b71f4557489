package dev.tuesday.drill;

/**
 * What the final read-back of every acknowledged row found.
 *
 * @param rowsWritten rows the service acknowledged during the drill
 * @param lost        rows missing or holding something else than what was acknowledged
 * @param unverified  rows that could not be read (errors, or the deadline passed)
 */
record Verification(long rowsWritten, long lost, long unverified) {

    static final Verification NONE = new Verification(0, 0, 0);
}
