package dev.tuesday.release;

import dev.tuesday.release.instance.AbstractInstance;
import dev.tuesday.release.instance.Instance;
import dev.tuesday.release.instance.Launcher;
import dev.tuesday.release.plan.VersionSpec;
import dev.tuesday.release.traffic.Traffic;
import dev.tuesday.release.traffic.VersionCounters;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/** Fakes of the release's own interfaces, sharing one log so tests can check the order of things. */
final class Fakes {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final FakeTraffic traffic = new FakeTraffic();
    final FakeLauncher launcher = new FakeLauncher();
    final FakeChange change = new FakeChange();

    /** How instances of one version behave. */
    record Behaviour(int probesUntilReady, int probesUntilCrash) {
        static final Behaviour HEALTHY = new Behaviour(1, -1);
        static final Behaviour NEVER_READY = new Behaviour(-1, -1);
        static final Behaviour CRASHES = new Behaviour(-1, 2);
    }

    final class FakeInstance extends AbstractInstance {
        private final Behaviour behaviour;
        private final AtomicInteger probes = new AtomicInteger();
        private volatile Integer exit;

        FakeInstance(String id, String version, int port, Behaviour behaviour) {
            super(id, version, URI.create("http://127.0.0.1:" + port));
            this.behaviour = behaviour;
        }

        @Override
        public boolean probeReady() {
            int n = probes.incrementAndGet();
            if (behaviour.probesUntilCrash() > 0 && n >= behaviour.probesUntilCrash()) {
                exit = 137;
            }
            return exit == null && behaviour.probesUntilReady() > 0 && n >= behaviour.probesUntilReady();
        }

        @Override
        public OptionalInt exitCode() {
            return exit == null ? OptionalInt.empty() : OptionalInt.of(exit);
        }

        @Override
        public void stop(Duration grace) {
            if (exit == null) {
                exit = 0;
                log.add("stop " + id());
            }
        }
    }

    final class FakeLauncher implements Launcher {
        final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
        final Map<String, String> schemas = new LinkedHashMap<>();
        private final AtomicInteger ports = new AtomicInteger(9000);

        @Override
        public Instance launch(String id, VersionSpec version, String schema) {
            log.add("launch " + id);
            schemas.put(id, schema);
            return new FakeInstance(id, version.version(), ports.incrementAndGet(),
                    behaviours.getOrDefault(version.version(), Behaviour.HEALTHY));
        }

        /** A running old instance, as if deployed earlier. */
        FakeInstance running(String id, String version) {
            return new FakeInstance(id, version, ports.incrementAndGet(), Behaviour.HEALTHY);
        }
    }

    final class FakeTraffic implements Traffic {
        final Map<String, Integer> weights = new ConcurrentHashMap<>();
        final Map<String, String> versions = new ConcurrentHashMap<>();
        /** Per version: requests and failures added at each call of {@link #counters}. */
        final Map<String, long[]> perCall = new ConcurrentHashMap<>();
        private final Map<String, long[]> totals = new ConcurrentHashMap<>();

        @Override
        public void add(String id, URI uri, String version, int weight) {
            log.add("add " + id + " weight " + weight);
            weights.put(id, weight);
            versions.put(id, version);
        }

        @Override
        public void setWeight(String id, int weight) {
            log.add("weight " + id + " " + weight);
            weights.put(id, weight);
        }

        @Override
        public boolean inRotation(String id) {
            return weights.containsKey(id);
        }

        @Override
        public boolean isReady(String id) {
            return weights.containsKey(id);
        }

        @Override
        public void drainAndRemove(String id, Duration timeout) {
            log.add("drain " + id);
            weights.remove(id);
            versions.remove(id);
        }

        @Override
        public VersionCounters counters(String version) {
            long[] step = perCall.getOrDefault(version, new long[] {0, 0});
            long[] total = totals.computeIfAbsent(version, v -> new long[2]);
            total[0] += step[0];
            total[1] += step[1];
            Histogram latency = new Histogram(3);
            for (long i = 0; i < total[0]; i++) {
                latency.recordValue(2_000);
            }
            return new VersionCounters(total[0], total[1], latency);
        }

        /** Total weight of the backends of a version. */
        int weightOf(String version) {
            return weights.entrySet().stream().filter(e -> version.equals(versions.get(e.getKey())))
                    .mapToInt(Map.Entry::getValue).sum();
        }
    }

    final class FakeChange implements SchemaChange {
        RuntimeException failExpand;

        @Override
        public String describe() {
            return "migration 02_full_name.yaml";
        }

        @Override
        public String newVersionSchema() {
            return "public_02_full_name";
        }

        @Override
        public void expand() {
            log.add("expand");
            if (failExpand != null) {
                throw failExpand;
            }
        }

        @Override
        public void contract() {
            log.add("contract");
        }

        @Override
        public void rollback() {
            log.add("rollback");
        }
    }

    /** Entries of the log that start with {@code prefix}. */
    List<String> entries(String prefix) {
        synchronized (log) {
            return log.stream().filter(e -> e.startsWith(prefix)).toList();
        }
    }

    int indexOf(String entry) {
        return log.indexOf(entry);
    }
}
