package dev.tuesday.drill;

/**
 * A phase begun on a {@link RunningDrill}; closing it ends the phase at that instant. Closing
 * it again changes nothing.
 */
@FunctionalInterface
public interface SpanMark extends AutoCloseable {

    /** Ends the phase now. */
    void end();

    /** Same as {@link #end()}. */
    @Override
    default void close() {
        end();
    }
}
