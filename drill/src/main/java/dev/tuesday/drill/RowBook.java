package dev.tuesday.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The rows a drill has written, and which of them wait to be read back.
 *
 * <p>A row freshly written goes to the back of the read-back queue; reads take the oldest first,
 * so every write is read back "later" (after other requests), as a user would. When the queue is
 * empty, reads pick any row at random.
 */
final class RowBook {

    private static final int ATTEMPTS = 4;

    private final List<Row> rows = new ArrayList<>();
    private final ConcurrentLinkedQueue<Row> toReadBack = new ConcurrentLinkedQueue<>();

    void written(Row row, boolean isNew) {
        if (isNew) {
            synchronized (rows) {
                rows.add(row);
            }
        }
        toReadBack.add(row);
    }

    /** A row to read back, claimed for the caller, or {@code null} when none is free. */
    Row claimForRead(SplittableRandom random) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Row row = toReadBack.poll();
            if (row == null) {
                break;
            }
            if (row.claim()) {
                return row;
            }
            // Busy with another request, which will queue it again if it writes.
        }
        return claimAny(random);
    }

    /** Any row, claimed for the caller, or {@code null} when none is free. */
    Row claimAny(SplittableRandom random) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Row row;
            synchronized (rows) {
                if (rows.isEmpty()) {
                    return null;
                }
                row = rows.get(random.nextInt(rows.size()));
            }
            if (row.claim()) {
                return row;
            }
        }
        return null;
    }

    List<Row> all() {
        synchronized (rows) {
            return List.copyOf(rows);
        }
    }
}
