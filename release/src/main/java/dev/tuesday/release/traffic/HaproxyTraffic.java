package dev.tuesday.release.traffic;

import dev.tuesday.release.Pause;
import dev.tuesday.release.ReleaseException;
import dev.tuesday.release.plan.HaproxySpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Traffic} on a running HAProxy (2.6 or later), through its runtime API on the stats
 * socket: each instance is a dynamic server of one backend, named by the instance's id.
 *
 * <p><b>Joining.</b> A server is added at weight 0, its health check enabled, taken out of
 * maintenance and forced down, and only then given its weight: HAProxy would otherwise count a
 * server leaving maintenance as up before its first check. It is ready once HAProxy's own check
 * ({@code option httpchk GET /readyz} on the backend) has brought it to {@code UP}.
 *
 * <p><b>Leaving.</b> {@code set server … state drain} (no new requests), then {@code show stat}
 * is polled until the server's current sessions ({@code scur}) reach 0 or the timeout passes,
 * then {@code disable server} and {@code del server}. A server HAProxy will not delete yet (its
 * connections are not closed) stays in maintenance, where it receives nothing.
 *
 * <p><b>Counters.</b> Per server from {@code show stat}: requests are {@code stot}, failures
 * {@code hrsp_5xx + econ + eresp} (5xx answers, connection errors, broken responses). HAProxy
 * keeps no latency histogram, only averages over each server's last 1024 requests
 * ({@code rtime}, time to the response's headers): a version's latency here is the highest
 * {@code rtime} among its servers, standing in for its p99. The canary analysis therefore judges
 * error rates exactly and a shift of the typical latency (a canary slower on every request), but
 * not the tail: a canary slow on one request in fifty hardly moves an average.
 *
 * <p>A server's version is the one it was added with; for servers this object did not add, the
 * id's prefix before its last {@code -<number>} (Tuesday names instances {@code <version>-<n>}).
 * HAProxy does not keep dynamic servers across a reload: do not reload it during a release.
 */
public final class HaproxyTraffic implements Traffic {
    private static final Duration DELETE_PATIENCE = Duration.ofSeconds(5);

    private final HaproxyRuntimeApi api;
    private final String backend;
    private final Map<String, String> versions = new ConcurrentHashMap<>();

    private HaproxyTraffic(HaproxyRuntimeApi api, String backend) {
        this.api = api;
        this.backend = backend;
    }

    /**
     * Connects to the HAProxy of {@code spec} and checks that its socket grants the admin level
     * and that it has the backend.
     *
     * @throws TrafficUnreachable when the socket does not answer
     * @throws ReleaseException   when the level is not admin or the backend is missing
     */
    public static HaproxyTraffic connect(HaproxySpec spec) {
        Objects.requireNonNull(spec, "spec");
        HaproxyRuntimeApi api = new HaproxyRuntimeApi(spec.socket());
        String level = api.run("show cli level");
        if (!level.equals("admin")) {
            throw new ReleaseException("HAProxy's runtime API at " + spec.socket() + " grants level '"
                    + HaproxyRuntimeApi.oneLine(level) + "', not admin: add 'level admin' to its stats socket line");
        }
        String state = api.run("show servers state " + spec.backend());
        if (!state.startsWith("1") && !state.startsWith("#")) {
            throw new ReleaseException("HAProxy at " + spec.socket() + " has no backend '" + spec.backend() + "' ("
                    + HaproxyRuntimeApi.oneLine(state) + "): name one of its backends in traffic.haproxy.backend");
        }
        return new HaproxyTraffic(api, spec.backend());
    }

    /**
     * A server of the backend as {@code show stat} lists it.
     *
     * @param id      its name
     * @param uri     its address
     * @param version its version (see the class comment)
     * @param status  HAProxy's status: {@code UP}, {@code DOWN}, {@code DRAIN}, {@code MAINT}, {@code UP 1/3}…
     */
    public record Server(String id, URI uri, String version, String status) {
    }

    /** Every server of the backend now. */
    public List<Server> servers() {
        List<Server> servers = new ArrayList<>();
        for (Map<String, String> row : api.serverStats(backend)) {
            String id = row.get("svname");
            servers.add(new Server(id, URI.create("http://" + row.getOrDefault("addr", "")), versionOf(id), row.get("status")));
        }
        return servers;
    }

    @Override
    public void add(String id, URI uri, String version, int weight) {
        String server = server(id);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new ReleaseException("cannot add " + id + " to HAProxy: its address " + uri + " has no host and port");
        }
        versions.put(id, version);
        api.expect("add server " + server + " " + uri.getHost() + ":" + uri.getPort() + " check weight 0", "New server registered.");
        api.expect("enable health " + server);
        api.expect("enable server " + server);
        api.expect("set server " + server + " health down");
        api.expect("set server " + server + " weight " + weight);
    }

    @Override
    public void setWeight(String id, int weight) {
        api.expect("set server " + server(id) + " weight " + weight);
    }

    /** Whether HAProxy has this server and neither drains it nor holds it in maintenance. */
    @Override
    public boolean inRotation(String id) {
        return row(id).map(row -> !row.get("status").startsWith("DRAIN") && !row.get("status").startsWith("MAINT"))
                .orElse(false);
    }

    @Override
    public boolean isReady(String id) {
        return row(id).map(row -> row.get("status").equals("UP")).orElse(false);
    }

    @Override
    public void drainAndRemove(String id, Duration timeout) {
        String server = server(id);
        if (row(id).isEmpty()) {
            return; // Already gone: nothing to drain.
        }
        api.expect("set server " + server + " state drain");
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until && row(id).map(row -> !"0".equals(row.get("scur"))).orElse(false)) {
            Pause.sleep(Duration.ofMillis(100));
        }
        api.expect("disable server " + server);
        // HAProxy deletes a server only once its connections are closed, idle ones included.
        long patience = System.nanoTime() + DELETE_PATIENCE.toNanos();
        while (true) {
            String answer = api.run("del server " + server);
            if (answer.equals("Server deleted.") || answer.equals("No such server.")) {
                versions.remove(id);
                return;
            }
            if (System.nanoTime() >= patience) {
                return; // In maintenance it receives nothing; it stays listed until removed by hand.
            }
            Pause.sleep(Duration.ofMillis(200));
        }
    }

    @Override
    public VersionCounters counters(String version) {
        long requests = 0;
        long failures = 0;
        long rtimeMillis = 0;
        for (Map<String, String> row : api.serverStats(backend)) {
            if (!version.equals(versionOf(row.get("svname")))) {
                continue;
            }
            long served = number(row, "stot");
            requests += served;
            failures += number(row, "hrsp_5xx") + number(row, "econ") + number(row, "eresp");
            if (served > 0) {
                rtimeMillis = Math.max(rtimeMillis, number(row, "rtime"));
            }
        }
        return new VersionCounters(requests, failures, new VersionCounters.Latency.Recent(rtimeMillis));
    }

    private Optional<Map<String, String>> row(String id) {
        return api.serverStats(backend).stream().filter(row -> id.equals(row.get("svname"))).findFirst();
    }

    private String versionOf(String id) {
        String known = versions.get(id);
        if (known != null) {
            return known;
        }
        int dash = id.lastIndexOf('-');
        return dash > 0 && id.substring(dash + 1).matches("[0-9]+") ? id.substring(0, dash) : id;
    }

    private String server(String id) {
        if (!HaproxySpec.isName(id)) {
            throw new ReleaseException("instance id '" + id + "' cannot name an HAProxy server (letters, digits, - _ . :)"
                    + ": give the plan's versions such names");
        }
        return backend + "/" + id;
    }

    private static long number(Map<String, String> row, String field) {
        String value = row.getOrDefault(field, "");
        return value.isEmpty() ? 0 : Long.parseLong(value);
    }
}
