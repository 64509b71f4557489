package dev.tuesday.release;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A release as its state file ({@code .tuesday/release.json}) records it: rewritten at every
 * change, read by {@code tuesday release status}.
 *
 * @param name         the plan's name
 * @param plan         the plan file, or empty
 * @param strategy     the strategy's name
 * @param phase        where the release stands
 * @param fromVersion  the old version
 * @param toVersion    the new version
 * @param fromDesired  instances the old version runs with
 * @param toDesired    instances the new version runs with
 * @param instances    every instance the release knows, with readiness and weight
 * @param outcome      how it ended, empty while running
 * @param pid          the process running the release
 * @param updatedAt    when this was written, ISO-8601 UTC
 */
public record ReleaseState(String name, String plan, String strategy, Phase phase, String fromVersion, String toVersion,
                           int fromDesired, int toDesired, List<InstanceState> instances, String outcome, long pid,
                           String updatedAt) {

    /** Copies the list. */
    public ReleaseState {
        instances = List.copyOf(instances);
    }

    /**
     * One instance.
     *
     * @param id      its id and backend id
     * @param version its version
     * @param address its base address
     * @param ready   whether the balancer sends it requests
     * @param weight  its weight in the balancer, 0 when not in it
     */
    public record InstanceState(String id, String version, String address, boolean ready, int weight) {
    }

    /** Whether the release has ended (done, pending contract, rolled back or failed). */
    public boolean ended() {
        return phase == Phase.DONE || phase == Phase.CONTRACT_PENDING || phase == Phase.ROLLED_BACK || phase == Phase.FAILED;
    }

    /** Ready instances of {@code version}. */
    public long ready(String version) {
        return instances.stream().filter(i -> i.version().equals(version) && i.ready()).count();
    }

    /** A few lines for the terminal: phase, ready n/m per version, weights. */
    public List<String> lines() {
        String weights = instances.stream().map(i -> i.id() + "=" + i.weight()).collect(Collectors.joining(" "));
        return List.of(
                String.format(Locale.ROOT, "release %s (%s): %s%s", name, strategy, phase.label(),
                        outcome.isEmpty() ? "" : " - " + outcome),
                String.format(Locale.ROOT, "  %s ready %d/%d   %s ready %d/%d", fromVersion, ready(fromVersion), fromDesired,
                        toVersion, ready(toVersion), toDesired),
                "  weights " + (weights.isEmpty() ? "(none)" : weights),
                "  updated " + updatedAt);
    }
}
