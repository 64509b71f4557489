package dev.tuesday.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * {@link Traffic} on a balancer running in another process ({@code tuesday balancer}), through its
 * admin API on loopback with its bearer token.
 *
 * <p>The admin API reports each backend's cumulative p99, not its latency histogram, so a canary
 * window's p99 here is the version's cumulative p99 (the highest among its backends): coarser than
 * with an in-process balancer ({@link BalancerTraffic}), and never lower than the window's.
 * Error rates are exact, as differences of counters.
 */
public final class AdminApiTraffic implements Traffic {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI admin;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param admin the admin API's base address, for example {@code http://127.0.0.1:8081}
     * @param token its bearer token
     */
    public AdminApiTraffic(URI admin, String token) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.token = Objects.requireNonNull(token, "token");
    }

    /**
     * A backend as the admin API lists it.
     *
     * @param id      its id
     * @param uri     its address
     * @param version its version
     * @param weight  its weight
     * @param state   {@code starting}, {@code ready}, {@code draining} or {@code down}
     */
    public record Backend(String id, URI uri, String version, int weight, String state) {
    }

    /** Every backend of the balancer now. */
    public List<Backend> backends() {
        List<Backend> backends = new ArrayList<>();
        for (JsonNode node : list()) {
            backends.add(new Backend(node.path("id").asText(), URI.create(node.path("url").asText()),
                    node.path("version").asText(), node.path("weight").asInt(), node.path("state").asText()));
        }
        return backends;
    }

    @Override
    public void add(String id, URI uri, String version, int weight) {
        call("POST", "/backends", JSON.createObjectNode().put("id", id).put("url", uri.toString())
                .put("version", version).put("weight", weight).toString());
    }

    @Override
    public void setWeight(String id, int weight) {
        call("PUT", "/backends/" + id + "/weight", JSON.createObjectNode().put("weight", weight).toString());
    }

    @Override
    public boolean inRotation(String id) {
        return backends().stream().anyMatch(b -> b.id().equals(id) && !b.state().equals("draining"));
    }

    @Override
    public boolean isReady(String id) {
        for (JsonNode node : list()) {
            if (node.path("id").asText().equals(id)) {
                return node.path("state").asText().equals("ready");
            }
        }
        return false;
    }

    @Override
    public void drainAndRemove(String id, Duration timeout) {
        call("DELETE", "/backends/" + id, null);
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until && backends().stream().anyMatch(b -> b.id().equals(id))) {
            Pause.sleep(Duration.ofMillis(100));
        }
    }

    @Override
    public VersionCounters counters(String version) {
        long requests = 0;
        long failures = 0;
        double p99 = 0;
        for (JsonNode node : list()) {
            if (node.path("version").asText().equals(version)) {
                requests += node.path("requests").asLong();
                failures += node.path("responses5xx").asLong() + node.path("connectionFailures").asLong()
                        + node.path("timeouts").asLong();
                p99 = Math.max(p99, node.path("p99Millis").asDouble());
            }
        }
        Histogram latency = new Histogram(3);
        if (requests > 0) {
            latency.recordValueWithCount(Math.max(1, Math.round(p99 * 1000)), requests);
        }
        return new VersionCounters(requests, failures, latency);
    }

    private JsonNode list() {
        try {
            JsonNode node = JSON.readTree(call("GET", "/backends", null));
            if (!node.isArray()) {
                throw new ReleaseException("the balancer's admin API at " + admin + " answered GET /backends with " + node);
            }
            return node;
        } catch (IOException e) {
            throw new ReleaseException("the balancer's admin API at " + admin + " answered GET /backends with invalid JSON", e);
        }
    }

    private String call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(admin.resolve(path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new ReleaseException("the balancer's admin API refused " + method + " " + path + ": "
                        + response.statusCode() + " " + response.body().strip());
            }
            return response.body();
        } catch (IOException e) {
            throw new ReleaseException("cannot reach the balancer's admin API at " + admin + " (" + method + " " + path
                    + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Abort(new AbortReason.Requested());
        }
    }
}
