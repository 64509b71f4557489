package dev.tuesday.migrate.internal;

import java.util.List;

/**
 * Stored progress of one table's backfill.
 *
 * @param table physical table
 * @param lastKey the key of the last row of the last committed batch (text form), or null before the first
 * @param batches batches committed
 * @param rows rows updated
 * @param estimatedRows the table's row estimate when the backfill began
 * @param done whether the walk reached the end
 */
public record BackfillProgress(String table, List<String> lastKey, long batches, long rows, long estimatedRows,
        boolean done) {
}
