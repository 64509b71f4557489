package dev.tuesday.release.instance;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** One running instance of a version, started by a {@link Launcher}. */
public interface Instance {

    /** Unique id, {@code <version>-<n>}, also its backend id in the balancer. */
    String id();

    /** The version it runs. */
    String version();

    /** Its base address, {@code http://127.0.0.1:<port>}. */
    URI uri();

    /** Whether its readiness endpoint answers 2xx right now. */
    boolean probeReady();

    /** The exit code if the process has ended (crashed, or stopped). */
    OptionalInt exitCode();

    /** SIGTERM, then SIGKILL if it has not exited after {@code grace}; returns once it has exited. */
    void stop(Duration grace);

    /** Its process on this machine, when it has one a release can record; default none. */
    default Optional<ProcessIdentity> process() {
        return Optional.empty();
    }
}
