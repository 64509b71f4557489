package dev.tuesday.balancer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A typed client of a balancer's admin API (see {@link AdminHandler}'s routes), for a program
 * that drives a balancer running in another process: the same operations and the same views as
 * {@link Balancer}'s own methods.
 *
 * <pre>
 * AdminClient admin = AdminClient.of(URI.create("http://127.0.0.1:8081"), token);
 * TrafficStats before = admin.versions().get("v2");
 * // ... the window ...
 * double p99 = admin.versions().get("v2").since(before).latencyMillis(99);
 * </pre>
 *
 * <p>Counters carry their latency histograms, so two snapshots make an exact window
 * ({@link TrafficStats#since}). Each call has a 5 s timeout (2 s to connect). The token is sent
 * only in the {@code Authorization} header. Instances are immutable and thread-safe.
 */
public final class AdminClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final URI admin;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();

    private AdminClient(URI admin, String token) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.token = Objects.requireNonNull(token, "token");
    }

    /**
     * A client of the admin API at {@code admin}; nothing is sent until the first call.
     *
     * @param admin the admin API's base address, for example {@code http://127.0.0.1:8081}
     * @param token its bearer token
     */
    public static AdminClient of(URI admin, String token) {
        return new AdminClient(admin, token);
    }

    /** The admin API's base address. */
    public URI address() {
        return admin;
    }

    /** Every backend now, in the order they were added ({@code GET /backends}). */
    public List<BackendView> backends() {
        List<AdminWire.Backend> list = call("GET", "/backends", null, null,
                AdminWire.JSON.getTypeFactory().constructCollectionType(List.class, AdminWire.Backend.class));
        return list.stream().map(backend -> view("GET /backends", backend)).toList();
    }

    /**
     * Puts a backend in the balancer ({@code POST /backends}); it receives requests once ready.
     *
     * @throws DuplicateBackendException when the id is taken
     */
    public BackendView addBackend(BackendSpec spec) {
        return view("POST /backends", call("POST", "/backends", spec.id(), AdminWire.NewBackend.of(spec),
                type(AdminWire.Backend.class)));
    }

    /**
     * Changes a backend's weight ({@code PUT /backends/{id}/weight}).
     *
     * @throws NoSuchBackendException when no backend has this id
     */
    public BackendView setWeight(String id, int weight) {
        String path = "/backends/" + id + "/weight";
        return view("PUT " + path, call("PUT", path, id, new AdminWire.Weight(weight), type(AdminWire.Backend.class)));
    }

    /**
     * Sends nothing new to a backend; its requests in flight finish ({@code POST /backends/{id}/drain}).
     *
     * @throws NoSuchBackendException when no backend has this id
     */
    public BackendView drain(String id) {
        String path = "/backends/" + id + "/drain";
        return view("POST " + path, call("POST", path, id, null, type(AdminWire.Backend.class)));
    }

    /**
     * Drains a backend, then the balancer forgets it ({@code DELETE /backends/{id}}). Returns at
     * once: the backend is listed, draining, until its requests in flight ended.
     *
     * @throws NoSuchBackendException when no backend has this id
     */
    public void removeBackend(String id) {
        call("DELETE", "/backends/" + id, id, null, type(AdminWire.Removing.class));
    }

    /**
     * Counters of every version the balancer has sent requests to since it started, backends
     * removed since included, by version name ({@code GET /versions}).
     */
    public Map<String, TrafficStats> versions() {
        List<AdminWire.Version> list = call("GET", "/versions", null, null,
                AdminWire.JSON.getTypeFactory().constructCollectionType(List.class, AdminWire.Version.class));
        Map<String, TrafficStats> byVersion = new LinkedHashMap<>();
        for (AdminWire.Version version : list) {
            try {
                byVersion.put(version.version(), version.traffic());
            } catch (IllegalArgumentException e) {
                throw invalid("GET /versions", 200, "version " + version.version() + ": " + e.getMessage(), e);
            }
        }
        return byVersion;
    }

    private BackendView view(String call, AdminWire.Backend backend) {
        try {
            return backend.view();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(call, 200, "backend " + backend.id() + ": " + e.getMessage(), e);
        }
    }

    private static JavaType type(Class<?> type) {
        return AdminWire.JSON.constructType(type);
    }

    /**
     * One call; {@code backend} is the backend the call is about, if any, for the balancer's own
     * exceptions on 404 and 409.
     */
    private <T> T call(String method, String path, String backend, Object body, JavaType answer) {
        String call = method + " " + path;
        HttpResponse<String> response = send(method, path, body);
        int status = response.statusCode();
        if (status >= 300) {
            throw refusal(call, backend, status, response.body());
        }
        try {
            T value = AdminWire.JSON.readValue(response.body(), answer);
            if (value == null) {
                throw invalid(call, status, "an empty body", null);
            }
            return value;
        } catch (JacksonException e) {
            throw invalid(call, status, "invalid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        String call = method + " " + path;
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(AdminWire.JSON.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(admin.resolve(path)).timeout(CALL_TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, publisher).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AdminApiException("cannot reach the balancer's admin API at " + admin + " (" + call + "): "
                    + e.getMessage(), call, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiException("interrupted while calling the balancer's admin API at " + admin + " (" + call + ")",
                    call, 0, e);
        }
    }

    private RuntimeException refusal(String call, String backend, int status, String body) {
        if (backend != null && status == 404) {
            return new NoSuchBackendException(backend);
        }
        if (backend != null && status == 409) {
            return new DuplicateBackendException(backend);
        }
        String error;
        try {
            AdminWire.Refusal refusal = AdminWire.JSON.readValue(body, AdminWire.Refusal.class);
            error = refusal == null || refusal.error() == null ? body.strip() : refusal.error();
        } catch (JacksonException e) {
            error = body.strip(); // not the admin API's refusal: a proxy's page, say
        }
        return new AdminApiException("the balancer's admin API at " + admin + " refused " + call + ": " + status + " " + error,
                call, status, null);
    }

    private AdminApiException invalid(String call, int status, String what, Throwable cause) {
        return new AdminApiException("the balancer's admin API at " + admin + " answered " + call + " with " + what,
                call, status, cause);
    }
}
