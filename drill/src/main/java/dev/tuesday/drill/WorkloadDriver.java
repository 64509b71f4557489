package dev.tuesday.drill;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/**
 * The engine side of a {@link Workload}: sends request number {@code seq} and judges its answer.
 * Called from many virtual threads at once.
 */
interface WorkloadDriver {

    /** Sends request number {@code seq} (0, 1, 2, … in scheduled order) and checks the answer. */
    Outcome exchange(long seq);

    /**
     * What the warm-up requests read before the schedule starts: a cheap GET that goes the way
     * real requests go (for the users workload, one row of the list, so the database path warms too).
     */
    URI warmUpTarget();

    /**
     * Reads back every row the service acknowledged, once the load is over, until
     * {@code deadline}. Workloads without writes verify nothing.
     */
    Verification verify(Instant deadline);

    /** The driver of {@code workload} against {@code target}. */
    static WorkloadDriver of(Workload workload, URI target, Http http, long seed, Clock clock) {
        return switch (workload) {
            case GetWorkload g -> new GetDriver(target, http);
            case UsersWorkload u -> new UsersDriver(u, target, http, seed, clock);
        };
    }
}
