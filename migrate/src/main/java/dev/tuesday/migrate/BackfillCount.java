package dev.tuesday.migrate;

/**
 * How far the backfill of one table has come, for a progress bar.
 *
 * @param table the table being backfilled
 * @param rows rows written so far (resumed backfills count what was done before too)
 * @param estimatedRows the table's rows as the planner estimated them when the backfill began (0:
 *        unknown, the table was never analysed)
 * @param rowsPerSecond the rate of this run of the backfill so far
 */
public record BackfillCount(String table, long rows, long estimatedRows, double rowsPerSecond) {
}
