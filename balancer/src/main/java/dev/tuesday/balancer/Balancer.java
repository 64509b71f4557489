package dev.tuesday.balancer;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP reverse proxy that sends requests only to ready backends.
 *
 * <pre>{@code
 * try (Balancer balancer = Balancer.configure()
 *         .listen("0.0.0.0", 8080)
 *         .backend("users-1", URI.create("http://127.0.0.1:9001"), "v1", 100)
 *         .start()) {
 *     balancer.awaitReady("users-1", Duration.ofSeconds(10));
 *     balancer.addBackend("users-2", URI.create("http://127.0.0.1:9002"), "v2", 10); // a canary
 *     balancer.drain("users-1").join();                                               // in-flight done
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Readiness.</b> Each backend's readiness path is polled ({@link HealthSettings}); a new
 *       backend is {@link BackendState#STARTING} and gets traffic only once {@link BackendState#READY}.</li>
 *   <li><b>Ejection.</b> {@link BalancerConfig#ejectAfterConnectionFailures()} refused, reset or
 *       early-closed connections in a row take the backend {@link BackendState#DOWN} (never the
 *       last ready one); polling brings it back after {@code rise} passes.</li>
 *   <li><b>Retries.</b> A request never sent goes to another backend; an idempotent request that
 *       failed at the connection goes to another backend once; a non-idempotent request that was
 *       sent is never replayed (the client gets 502). Request bodies are held in memory for this,
 *       up to {@link BalancerConfig#maxRequestBodyBytes()}.</li>
 *   <li><b>Weights.</b> Smooth weighted round-robin among ready backends; weight 0 gets nothing.</li>
 *   <li><b>Draining.</b> {@link #drain(String)} sends nothing new to the backend and completes
 *       when its requests in flight have finished; its idle connections are then closed.</li>
 *   <li><b>Headers.</b> Hop-by-hop headers are dropped, {@code Host} is kept; the client's
 *       address goes in {@code X-Forwarded-For}, {@code Forwarded} and {@code X-Real-IP}, which
 *       are kept and appended to only when the peer is a {@link BalancerConfig#trustedProxies()
 *       trusted proxy}, and replaced otherwise ({@link ForwardedHeaders}).</li>
 * </ul>
 *
 * <p>Thread-safe. Runs until {@link #close()}d; {@link #awaitClosed()} blocks until then.
 */
public final class Balancer implements AutoCloseable {
    private final BalancerConfig config;
    private final BalancerRuntime runtime;
    private final BackendPool pool;
    private final ClientTotals totals = new ClientTotals();
    private final CountDownLatch closed = new CountDownLatch(1);

    private Balancer(BalancerConfig config) {
        this.config = config;
        this.runtime = new BalancerRuntime(config);
        this.pool = new BackendPool(runtime::newUpstream, config.clock(), config.ejectAfterConnectionFailures());
    }

    /** A builder for a balancer, with every default (see {@link BalancerConfig.Builder}). */
    public static BalancerConfig.Builder configure() {
        return BalancerConfig.builder();
    }

    /**
     * Starts a balancer: binds its ports, adds the configured backends and starts polling them.
     *
     * @throws BalancerStartException when a port cannot be bound
     */
    public static Balancer start(BalancerConfig config) {
        Balancer balancer = new Balancer(config);
        try {
            balancer.runtime.start(balancer.pool, balancer.totals, admin -> new AdminHandler(balancer, admin.token()));
            config.backends().forEach(balancer::addBackend);
            return balancer;
        } catch (RuntimeException e) {
            balancer.close();
            throw e;
        }
    }

    /** The configuration it runs with. */
    public BalancerConfig config() {
        return config;
    }

    /** The port the proxy listens on (the real one when configured with 0). */
    public int port() {
        return runtime.port();
    }

    /** The port of the admin API, when it is on. */
    public OptionalInt adminPort() {
        return runtime.adminPort();
    }

    /** Base URI clients use, {@code http://127.0.0.1:<port>} when listening on every address. */
    public URI uri() {
        String host = config.listenHost().equals("0.0.0.0") || config.listenHost().equals("::") ? "127.0.0.1" : config.listenHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /**
     * Adds a backend in state {@link BackendState#STARTING} and starts polling its readiness.
     *
     * @throws DuplicateBackendException when the id is in use
     */
    public void addBackend(BackendSpec spec) {
        runtime.watch(pool.add(spec));
    }

    /** Adds a backend; see {@link #addBackend(BackendSpec)}. */
    public void addBackend(String id, URI uri, String version, int weight) {
        addBackend(new BackendSpec(id, uri, version, weight));
    }

    /**
     * Drains a backend, then forgets it. The future completes once it is gone.
     *
     * @throws NoSuchBackendException when no backend has this id
     */
    public CompletableFuture<Void> removeBackend(String id) {
        Backend backend = pool.get(id);
        return drain(id).thenRun(() -> pool.forget(backend));
    }

    /**
     * Changes a backend's share of traffic, effective for the next request. 0 sends it nothing
     * while keeping it ready.
     *
     * @throws NoSuchBackendException when no backend has this id
     */
    public void setWeight(String id, int weight) {
        pool.setWeight(id, weight);
    }

    /**
     * Stops sending new requests to a backend. The future completes when its requests in flight
     * have finished (at once when there are none); its idle connections are then closed. A drained
     * backend stays {@link BackendState#DRAINING} until removed.
     *
     * @throws NoSuchBackendException when no backend has this id
     */
    public CompletableFuture<Void> drain(String id) {
        Backend backend = pool.get(id);
        pool.fire(backend.drain("drain requested", pool.clock().instant()));
        return backend.drained().thenRunAsync(() -> backend.upstream().close());
    }

    /**
     * Waits until a backend is ready.
     *
     * @return {@code true} when it is ready, {@code false} when the time ran out, or it was drained
     *     or removed first
     * @throws NoSuchBackendException when no backend has this id
     */
    public boolean awaitReady(String id, Duration timeout) throws InterruptedException {
        Backend backend = pool.get(id);
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        BackendListener listener = change -> {
            if (change.backendId().equals(id) && change.to() != BackendState.READY
                    && (change.to() == null || change.to() == BackendState.DRAINING)) {
                ready.complete(false);
            } else if (change.backendId().equals(id) && change.to() == BackendState.READY) {
                ready.complete(true);
            }
        };
        pool.addListener(listener);
        try {
            if (backend.state() == BackendState.READY) {
                return true;
            }
            if (backend.state() == BackendState.DRAINING || pool.find(id).isEmpty()) {
                return false;
            }
            return ready.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return backend.state() == BackendState.READY;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.removeListener(listener);
        }
    }

    /** Every backend now, in the order they were added. */
    public List<BackendView> backends() {
        return pool.all().stream().map(Backend::view).toList();
    }

    /**
     * One backend now.
     *
     * @throws NoSuchBackendException when no backend has this id
     */
    public BackendView backend(String id) {
        return pool.get(id).view();
    }

    /** Every counter now: balancer-wide, per backend and per version. */
    public MetricsSnapshot metrics() {
        Map<String, TrafficStats> byBackend = new LinkedHashMap<>();
        for (Backend backend : pool.all()) {
            byBackend.put(backend.id(), backend.traffic());
        }
        return new MetricsSnapshot(totals.requests.sum(), totals.failures.sum(), totals.retries.sum(),
                byBackend, pool.byVersion());
    }

    /** The metrics in the Prometheus text format, as served on the admin port at {@code /metrics}. */
    public String prometheusText() {
        return PrometheusText.render(metrics(), backends());
    }

    /** Tells {@code listener} about every state change from now on. */
    public void addListener(BackendListener listener) {
        pool.addListener(listener);
    }

    /** Stops telling {@code listener} about state changes. */
    public void removeListener(BackendListener listener) {
        pool.removeListener(listener);
    }

    /** The connections to one backend; for tests in this package. */
    Upstream upstreamOf(String id) {
        return pool.get(id).upstream();
    }

    /** Blocks until {@link #close()} is called. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops gracefully: stops accepting connections, lets the requests in flight finish (new
     * requests on open connections get 503 and {@code Connection: close}) for up to
     * {@link BalancerConfig#drainTimeout()}, then stops as {@link #close()} does.
     */
    public void shutdown() {
        runtime.stop(pool.all().stream().map(Backend::upstream).toList(), config.drainTimeout());
        closed.countDown();
    }

    /**
     * Installs a JVM shutdown hook, so that SIGTERM (or SIGINT) {@linkplain #shutdown() stops the
     * balancer gracefully} instead of cutting the requests in flight.
     */
    public void installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "tuesday-balancer-shutdown"));
    }

    /** Stops listening, stops polling, and closes every connection. Requests in flight are cut. */
    @Override
    public void close() {
        runtime.stop(pool.all().stream().map(Backend::upstream).toList(), Duration.ZERO);
        closed.countDown();
    }
}
