package dev.tuesday.release;

import dev.tuesday.release.instance.Instance;
import dev.tuesday.release.instance.ProcessIdentity;
import dev.tuesday.release.instance.RecordedInstance;
import dev.tuesday.release.traffic.Traffic;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The instances a release knows from the state file of an earlier one, as {@link RecordedInstance}s.
 * One rule for all of them: a release takes charge of an instance only when a release recorded its
 * process (PID and start time) and its address is on loopback; anything else is refused, naming
 * the instance, before anything changes.
 */
final class RecordedInstances {
    private RecordedInstances() {
    }

    /**
     * What a release that died left.
     *
     * @param running   its instances still running, either version
     * @param abandoned those of them to stop first: not handed over (its watchdog is stopping
     *                  them), or out of rotation already (it was draining them)
     * @param ended     ids of its instances that ended but are still in rotation
     * @param inTraffic ids of the running ones in rotation
     * @param kept      ids of the running ones it had handed over
     * @param ids       every id it had, not to be given again
     */
    record LeftOver(List<Instance> running, List<Instance> abandoned, List<String> ended, Set<String> inTraffic,
                    Set<String> kept, Set<String> ids) {
    }

    /**
     * A backend as a balancer lists it.
     *
     * @param id      its id
     * @param version its version
     * @param uri     its address
     */
    record Listed(String id, String version, URI uri) {
    }

    /**
     * The balancer's backends of {@code version}, each matched with the process a release in
     * {@code dir} recorded for it: the only process a release may stop for it.
     *
     * @throws ReleaseException naming the first backend a release may not take charge of
     */
    static List<Instance> oldInBalancer(List<Listed> backends, Optional<ReleaseState> previous, String version, Path dir,
                                        String readinessPath) {
        Map<String, ReleaseState.InstanceState> recorded = new HashMap<>();
        previous.ifPresent(state -> state.instances().forEach(i -> recorded.put(i.id(), i)));
        List<Instance> old = new ArrayList<>();
        for (Listed backend : backends) {
            if (!backend.version().equals(version)) {
                continue;
            }
            String named = "old instance " + backend.id() + " at " + backend.uri();
            if (!RecordedInstance.onLoopback(backend.uri())) {
                throw new ReleaseException(named + " is not on this machine's loopback: a release stops only local processes;"
                        + " take it out of the balancer and stop it where it runs");
            }
            ReleaseState.InstanceState record = recorded.get(backend.id());
            if (record == null || record.process().isEmpty() || !URI.create(record.address()).equals(backend.uri())) {
                throw new ReleaseException(named + " was not started by a release in " + dir
                        + ": a release stops only processes it launched; deploy the old version with `tuesday release deploy`,"
                        + " or take it out of the balancer and stop it yourself");
            }
            ProcessIdentity process = record.process().get();
            if (!process.alive()) {
                throw new ReleaseException(named + " (" + process + ") no longer runs: remove it from the balancer");
            }
            old.add(new RecordedInstance(backend.id(), backend.version(), backend.uri(), process, readinessPath));
        }
        return old;
    }

    /**
     * What the release recorded in {@code dead} left running, and what the balancer still holds of it.
     *
     * @throws ReleaseException naming the first instance a recovery may not take charge of
     */
    static LeftOver leftBy(ReleaseState dead, Traffic traffic, String readinessPath) {
        List<Instance> running = new ArrayList<>();
        List<Instance> abandoned = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        Set<String> inTraffic = new HashSet<>();
        Set<String> kept = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (ReleaseState.InstanceState record : dead.instances()) {
            URI uri = URI.create(record.address());
            ProcessIdentity process = record.process().orElseThrow(() -> new ReleaseException("cannot recover: instance "
                    + record.id() + " has no recorded process to stop; take it out of the balancer and stop it yourself"));
            if (!RecordedInstance.onLoopback(uri)) {
                throw new ReleaseException("cannot recover: instance " + record.id() + " at " + uri + " is not on this machine's loopback");
            }
            ids.add(record.id());
            boolean inBalancer = traffic.inRotation(record.id());
            if (!process.alive()) {
                if (inBalancer) {
                    ended.add(record.id());
                }
                continue;
            }
            Instance instance = new RecordedInstance(record.id(), record.version(), uri, process, readinessPath);
            running.add(instance);
            if (inBalancer) {
                inTraffic.add(record.id());
            }
            if (record.kept()) {
                kept.add(record.id());
            }
            if (!record.kept() || !inBalancer) {
                abandoned.add(instance);
            }
        }
        return new LeftOver(running, abandoned, ended, inTraffic, kept, ids);
    }
}
