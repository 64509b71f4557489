package dev.tuesday.lint;

import java.util.List;
import java.util.Optional;

/**
 * What replaying one statement on the scratch database showed.
 *
 * @param locks the locks the statement took on relations that existed before it, strongest first;
 *     empty when none or when it was not measured
 * @param rewritten the pre-existing tables whose file node changed: the statement rewrote them
 * @param columnChanges columns whose type the statement changed
 * @param notMeasured why the statement could not be measured, or {@code null} when it was
 */
public record Measurement(List<TableLock> locks, List<String> rewritten, List<ColumnChange> columnChanges,
        String notMeasured) {

    /** A statement that could not be measured, for {@code reason}. */
    public static Measurement notMeasured(String reason) {
        return new Measurement(List.of(), List.of(), List.of(), reason);
    }

    /** Whether locks and rewrites were read from the database. */
    public boolean measured() {
        return notMeasured == null;
    }

    /** Whether the statement rewrote a table that existed before it. */
    public boolean rewrite() {
        return !rewritten.isEmpty();
    }

    /** The strongest lock taken, if any. */
    public Optional<TableLock> strongest() {
        return locks.stream().findFirst();
    }
}
