package dev.tuesday.release;

import dev.tuesday.release.instance.Instance;
import dev.tuesday.release.instance.Launcher;
import dev.tuesday.release.instance.ProcessIdentity;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.release.plan.VersionSpec;
import dev.tuesday.release.traffic.Traffic;
import dev.tuesday.release.traffic.TrafficUnreachable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * The instances of both versions during a release, and their place in the balancer: who runs,
 * who is ready, which weight each has. Every change is reported to the listener and the state file.
 */
final class Fleet {
    private final ReleasePlan plan;
    private final Traffic traffic;
    private final Launcher launcher;
    private final ReleaseListener listener;
    private final Clock clock;
    private final Runnable onChange;
    private final List<Instance> old = new ArrayList<>();
    private final List<Instance> fresh = new ArrayList<>();
    private final Map<String, Integer> weights = new LinkedHashMap<>();
    private final Set<String> ready = new HashSet<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();
    /** Every id this fleet ever had: an id is never reused, as the balancer may still hold a draining backend by it. */
    private final Set<String> usedIds = new HashSet<>();
    /** Instances that outlive this process: adopted ones, and those the release handed over. */
    private final Set<String> kept = new HashSet<>();
    /** A weight not known: the backend is in the balancer, its weight as a dead release left it. */
    private static final int UNKNOWN_WEIGHT = -1;

    Fleet(ReleasePlan plan, Traffic traffic, Launcher launcher, ReleaseListener listener, Clock clock, Runnable onChange) {
        this.plan = plan;
        this.traffic = traffic;
        this.launcher = launcher;
        this.listener = listener;
        this.clock = clock;
        this.onChange = onChange;
    }

    Traffic traffic() {
        return traffic;
    }

    synchronized List<Instance> old() {
        return List.copyOf(old);
    }

    synchronized List<Instance> fresh() {
        return List.copyOf(fresh);
    }

    /** Adopts instances of the old version already running and in the balancer with full weight. */
    synchronized void adoptOld(List<Instance> running) {
        for (Instance instance : running) {
            old.add(instance);
            weights.put(instance.id(), StepPlanner.FULL_WEIGHT);
            ready.add(instance.id());
            usedIds.add(instance.id());
            kept.add(instance.id());
        }
        onChange.run();
    }

    /**
     * Adopts the instances a dead release left running, for its recovery: each of either version,
     * in the balancer at a weight not known when {@code inTraffic} holds its id; {@code keptIds}
     * are those that dead release had handed over. Ids in {@code taken} are not given again.
     */
    synchronized void adoptLeftOver(List<Instance> running, Set<String> inTraffic, Set<String> keptIds, Set<String> taken) {
        for (Instance instance : running) {
            (instance.version().equals(plan.from().version()) ? old : fresh).add(instance);
            if (inTraffic.contains(instance.id())) {
                weights.put(instance.id(), UNKNOWN_WEIGHT);
            }
            if (keptIds.contains(instance.id())) {
                kept.add(instance.id());
            }
        }
        usedIds.addAll(taken);
        onChange.run();
    }

    /**
     * Lets these instances outlive this process: from now on they serve whatever happens to the
     * release, and a recovery finds them in the state file.
     */
    void handOver(List<Instance> instances) {
        // Recorded first: a release that dies in between leaves instances marked kept that its
        // watchdog still stops, which a recovery sees as ended - never instances that run on unrecorded.
        synchronized (this) {
            instances.forEach(instance -> kept.add(instance.id()));
        }
        onChange.run();
        instances.forEach(launcher::handOver);
    }

    Instance launchNew(String schema) {
        return launch(plan.to(), schema, fresh);
    }

    Instance launchOld() {
        return launch(plan.from(), plan.from().schema().orElse(""), old);
    }

    private Instance launch(VersionSpec version, String schema, List<Instance> into) {
        String id = nextId(version.version());
        Instance instance = launcher.launch(id, version, schema);
        synchronized (this) {
            into.add(instance);
        }
        listener.on(new ReleaseEvent.InstanceStarted(id, version.version(), instance.uri().toString()));
        onChange.run();
        return instance;
    }

    private synchronized String nextId(String version) {
        int n = counters.getOrDefault(version, 0);
        String id;
        do {
            n++;
            id = version + "-" + n;
        } while (usedIds.contains(id));
        counters.put(version, n);
        usedIds.add(id);
        return id;
    }

    /**
     * Waits until each instance answers its readiness endpoint, puts it in the balancer with
     * {@code weight}, and waits until the balancer finds it ready too, all within the readiness
     * deadline; {@code check} runs at every poll and may throw {@link Abort}.
     *
     * @throws Abort when an instance exits or is late
     */
    void awaitReady(List<Instance> instances, int weight, Runnable check) {
        Instant started = clock.instant();
        Instant deadline = started.plus(plan.readiness().deadline());
        Set<Instance> probing = new LinkedHashSet<>(instances);
        Set<Instance> joining = new LinkedHashSet<>();
        while (true) {
            check.run();
            for (Instance instance : instances) {
                if ((probing.contains(instance) || joining.contains(instance)) && instance.exitCode().isPresent()) {
                    throw new Abort(new AbortReason.Crashed(instance.id(), instance.exitCode().getAsInt()));
                }
            }
            for (Instance instance : List.copyOf(probing)) {
                if (instance.probeReady()) {
                    probing.remove(instance);
                    addToTraffic(instance, weight);
                    joining.add(instance);
                }
            }
            for (Instance instance : List.copyOf(joining)) {
                if (traffic.isReady(instance.id())) {
                    joining.remove(instance);
                    markReady(instance);
                    listener.on(new ReleaseEvent.InstanceReady(instance.id(), Duration.between(started, clock.instant())));
                }
            }
            if (probing.isEmpty() && joining.isEmpty()) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                Instance late = probing.isEmpty() ? joining.iterator().next() : probing.iterator().next();
                throw new Abort(new AbortReason.NotReady(late.id(), plan.readiness().deadline()));
            }
            Pause.sleep(plan.readiness().poll());
        }
    }

    private void addToTraffic(Instance instance, int weight) {
        traffic.add(instance.id(), instance.uri(), instance.version(), weight);
        synchronized (this) {
            weights.put(instance.id(), weight);
        }
        onChange.run();
    }

    private void markReady(Instance instance) {
        synchronized (this) {
            ready.add(instance.id());
        }
        onChange.run();
    }

    /**
     * Gives the new version {@code percent} of the traffic. Weights that grow are set before weights
     * that shrink, so the balancer never sees every ready backend at weight 0.
     */
    void shift(int percent) {
        Map<String, Integer> target = new LinkedHashMap<>();
        synchronized (this) {
            int[] split = StepPlanner.split(percent, old.size(), fresh.size());
            old.stream().filter(i -> weights.containsKey(i.id())).forEach(i -> target.put(i.id(), split[0]));
            fresh.stream().filter(i -> weights.containsKey(i.id())).forEach(i -> target.put(i.id(), split[1]));
        }
        List<String> order = new ArrayList<>(target.keySet());
        order.sort((a, b) -> Boolean.compare(shrinks(a, target.get(a)), shrinks(b, target.get(b))));
        for (String id : order) {
            if (target.get(id) != weightOf(id)) {
                traffic.setWeight(id, target.get(id));
                synchronized (this) {
                    weights.put(id, target.get(id));
                }
            }
        }
        listener.on(new ReleaseEvent.WeightsChanged(weights()));
        onChange.run();
    }

    private boolean shrinks(String id, int to) {
        int from = weightOf(id);
        return from == UNKNOWN_WEIGHT ? to == 0 : to < from;
    }

    private synchronized int weightOf(String id) {
        return weights.getOrDefault(id, 0);
    }

    synchronized Map<String, Integer> weights() {
        return new LinkedHashMap<>(weights);
    }

    /**
     * Drains each instance in the balancer (one after the other: the others keep serving), then
     * stops them all at once (SIGTERM, SIGKILL after the grace period) and waits for their exit.
     */
    void drainAndStop(List<Instance> leaving) {
        for (Instance instance : leaving) {
            boolean inTraffic;
            synchronized (this) {
                inTraffic = weights.containsKey(instance.id());
            }
            if (inTraffic) {
                try {
                    traffic.drainAndRemove(instance.id(), plan.drain().timeout());
                } catch (TrafficUnreachable e) {
                    // A balancer that is gone sends it nothing: it drains on its own SIGTERM below.
                }
                synchronized (this) {
                    weights.remove(instance.id());
                    ready.remove(instance.id());
                }
                onChange.run();
            }
        }
        try (ExecutorService stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> stops = new ArrayList<>();
            for (Instance instance : leaving) {
                stops.add(stoppers.submit(() -> instance.stop(plan.drain().grace())));
            }
            for (Future<?> stop : stops) {
                stop.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseException("interrupted while stopping instances");
        } catch (ExecutionException e) {
            throw new ReleaseException("cannot stop an instance: " + e.getCause().getMessage(), e.getCause());
        }
        for (Instance instance : leaving) {
            synchronized (this) {
                old.remove(instance);
                fresh.remove(instance);
            }
            listener.on(new ReleaseEvent.InstanceStopped(instance.id(), instance.exitCode().orElse(-1)));
        }
        onChange.run();
    }

    /** Every instance with its readiness and weight, old version first. */
    synchronized List<ReleaseState.InstanceState> snapshot() {
        List<ReleaseState.InstanceState> states = new ArrayList<>();
        for (Instance instance : old) {
            states.add(state(instance));
        }
        for (Instance instance : fresh) {
            states.add(state(instance));
        }
        return states;
    }

    private ReleaseState.InstanceState state(Instance instance) {
        Optional<ProcessIdentity> process = instance.process();
        return new ReleaseState.InstanceState(instance.id(), instance.version(), instance.uri().toString(),
                ready.contains(instance.id()), Math.max(0, weights.getOrDefault(instance.id(), 0)),
                process.map(ProcessIdentity::pid).orElse(0L), process.map(p -> p.startedAt().toString()).orElse(""),
                process.map(ProcessIdentity::startTicks).orElse(0L), kept.contains(instance.id()));
    }
}
