package dev.tuesday.release;

import dev.tuesday.release.instance.ProcessIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A release as its state file ({@code .tuesday/release.json}) records it: rewritten at every
 * change, read by {@code tuesday release status} and by the next release in the same folder.
 *
 * @param name           the plan's name
 * @param plan           the plan file, or empty
 * @param strategy       the strategy's name
 * @param phase          where the release stands
 * @param fromVersion    the old version
 * @param toVersion      the new version
 * @param fromDesired    instances the old version runs with
 * @param toDesired      instances the new version runs with
 * @param instances      every instance the release knows, with readiness, weight and process
 * @param outcome        how it ended, empty while running
 * @param pid            the process running the release (its owner)
 * @param updatedAt      when this was written, ISO-8601 UTC
 * @param ownerStartedAt when the owner process started, ISO-8601 UTC; with {@code pid} it tells a
 *                       dead owner from a process that reuses its PID
 * @param ownerStartTicks the owner's start in the kernel's ticks since boot, 0 where not known
 *                       (see {@link ProcessIdentity})
 */
public record ReleaseState(String name, String plan, String strategy, Phase phase, String fromVersion, String toVersion,
                           int fromDesired, int toDesired, List<InstanceState> instances, String outcome, long pid,
                           String updatedAt, String ownerStartedAt, long ownerStartTicks) {

    /** Copies the list. */
    public ReleaseState {
        instances = List.copyOf(instances);
    }

    /**
     * One instance.
     *
     * @param id        its id and backend id
     * @param version   its version
     * @param address   its base address
     * @param ready     whether the balancer sends it requests
     * @param weight    its weight in the balancer, 0 when not in it
     * @param pid       its process, 0 when no release launched it (an instance given in code)
     * @param startedAt when its process started, ISO-8601 UTC; empty with {@code pid} 0
     * @param startTicks its process's start in the kernel's ticks since boot, 0 where not known
     * @param kept      whether it outlives the release's process; until the release hands it over,
     *                  an instance dies with the process that launched it
     */
    public record InstanceState(String id, String version, String address, boolean ready, int weight, long pid,
                                String startedAt, long startTicks, boolean kept) {

        /** Its process, when a release recorded it. */
        public Optional<ProcessIdentity> process() {
            return pid <= 0 || startedAt == null || startedAt.isEmpty() ? Optional.empty()
                    : Optional.of(new ProcessIdentity(pid, Instant.parse(startedAt), startTicks));
        }
    }

    /** Whether the release has ended (done, pending contract, rolled back or failed). */
    public boolean ended() {
        return phase == Phase.DONE || phase == Phase.CONTRACT_PENDING || phase == Phase.ROLLED_BACK || phase == Phase.FAILED;
    }

    /** Whether the release was between its first change and its end when this was written. */
    public boolean inProgress() {
        return !ended() && phase != Phase.PLANNED;
    }

    /** The process that runs or ran the release, when recorded. */
    public Optional<ProcessIdentity> owner() {
        return pid <= 0 || ownerStartedAt == null || ownerStartedAt.isEmpty() ? Optional.empty()
                : Optional.of(new ProcessIdentity(pid, Instant.parse(ownerStartedAt), ownerStartTicks));
    }

    /**
     * Whether the release stopped in the middle because its process died: in progress, and its
     * owner (PID and start time) runs no more. Such a release needs {@code tuesday release recover}.
     */
    public boolean ownerDied() {
        return inProgress() && owner().map(o -> !o.alive())
                .orElseGet(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    /** Ready instances of {@code version}. */
    public long ready(String version) {
        return instances.stream().filter(i -> i.version().equals(version) && i.ready()).count();
    }

    /** A few lines for the terminal: phase, ready n/m per version, weights, and a dead owner. */
    public List<String> lines() {
        String weights = instances.stream().map(i -> i.id() + "=" + i.weight()).collect(Collectors.joining(" "));
        String head = String.format(Locale.ROOT, "release %s (%s): %s%s", name, strategy, phase.label(),
                outcome.isEmpty() ? "" : " - " + outcome);
        if (ownerDied()) {
            head += " - its process (pid " + pid + ") is gone: run `tuesday release recover`";
        }
        return List.of(head,
                String.format(Locale.ROOT, "  %s ready %d/%d   %s ready %d/%d", fromVersion, ready(fromVersion), fromDesired,
                        toVersion, ready(toVersion), toDesired),
                "  weights " + (weights.isEmpty() ? "(none)" : weights),
                "  updated " + updatedAt);
    }
}
