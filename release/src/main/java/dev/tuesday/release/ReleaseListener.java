package dev.tuesday.release;

/** Told about every step of a running release, on the release's thread: return quickly. */
@FunctionalInterface
public interface ReleaseListener {

    /** Ignores everything. */
    ReleaseListener NONE = event -> { };

    /** One thing happened. */
    void on(ReleaseEvent event);

    /** A listener that prints each event's line. */
    static ReleaseListener printingTo(java.io.PrintStream out) {
        return event -> out.println(event.line());
    }
}
