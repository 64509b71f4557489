package dev.tuesday.balancer;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty parts of a balancer: one thread pool, scheduler and buffer pool shared by the proxy
 * server, the admin server, the health checker and one HTTP client per backend.
 *
 * <p>One client per backend, because it makes draining exact: once a backend has nothing in
 * flight its client is stopped, which closes its idle keep-alive connections and nobody else's.
 * The shared pools are started before anything uses them, so no client or server takes ownership
 * of them (Jetty stops only the beans it started).
 */
final class BalancerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(BalancerRuntime.class);

    private final BalancerConfig config;
    private final QueuedThreadPool threads = new QueuedThreadPool(256, 8);
    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("tuesday-balancer-scheduler", true);
    private final ByteBufferPool buffers = new ArrayByteBufferPool();
    private Server proxyServer;
    private ServerConnector proxyConnector;
    private Server adminServer;
    private ServerConnector adminConnector;
    private HttpClient healthClient;
    private HealthPoller poller;

    BalancerRuntime(BalancerConfig config) {
        this.config = config;
        threads.setName("tuesday-balancer");
    }

    void start(Handler proxy, BackendPool pool, Function<AdminSettings, Handler> admin) {
        try {
            threads.start();
            scheduler.start();
            healthClient = newClient(4);
            healthClient.start();
            poller = new HealthPoller(pool, healthClient, scheduler, config.health());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the balancer's threads: " + e.getMessage(), e);
        }
        proxyServer = new Server(threads, scheduler, buffers);
        proxyConnector = connector(proxyServer, config.listenHost(), config.listenPort());
        // Slow clients: at most maxConnections at once (Jetty stops accepting past it), and a
        // deadline for each request head.
        proxyServer.addBean(new NetworkConnectionLimit(config.maxConnections(), proxyConnector));
        HeadDeadline deadline = new HeadDeadline(scheduler, config.headerTimeout(), proxy);
        proxyConnector.addEventListener(deadline);
        // Counts the requests in flight, so that a graceful stop waits for them.
        proxyServer.setHandler(new GracefulHandler(deadline));
        startServer(proxyServer, config.listenHost() + ":" + config.listenPort());
        config.admin().ifPresent(settings -> {
            adminServer = new Server(threads, scheduler, buffers);
            adminConnector = connector(adminServer, settings.host(), settings.port());
            adminServer.setHandler(admin.apply(settings));
            startServer(adminServer, settings.host() + ":" + settings.port());
        });
    }

    int port() {
        return proxyConnector.getLocalPort();
    }

    OptionalInt adminPort() {
        return adminConnector == null ? OptionalInt.empty() : OptionalInt.of(adminConnector.getLocalPort());
    }

    void watch(Backend backend) {
        poller.watch(backend);
    }

    /** A started client with keep-alive connections to one backend. */
    HttpClient newBackendClient(BackendSpec spec) {
        HttpClient client = newClient(config.maxConnectionsPerBackend());
        client.setName("tuesday-balancer-" + spec.id());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client for backend " + spec.id() + ": " + e.getMessage(), e);
        }
        // A proxy forwards bodies and statuses untouched: no decoding, no redirects, no auth or
        // 100-continue handling by the client.
        client.getContentDecoderFactories().clear();
        client.getProtocolHandlers().clear();
        return client;
    }

    /**
     * Stops everything. With a positive {@code grace}, the proxy first stops accepting and gives
     * the requests in flight up to {@code grace} to finish (backends and polling keep running
     * meanwhile); with zero, requests in flight are cut.
     */
    void stop(List<HttpClient> backendClients, Duration grace) {
        if (proxyServer != null) {
            proxyServer.setStopTimeout(grace.toMillis());
        }
        stopQuietly(proxyServer);
        stopQuietly(adminServer);
        if (poller != null) {
            poller.stop();
        }
        backendClients.forEach(BalancerRuntime::stopQuietly);
        stopQuietly(healthClient);
        stopQuietly(scheduler);
        stopQuietly(threads);
    }

    static void stopQuietly(LifeCycle component) {
        if (component == null) {
            return;
        }
        try {
            component.stop();
        } catch (Exception e) {
            // Stopping is best effort: the rest must still stop.
            LOG.warn("could not stop {}: {}", component, e.toString());
        }
    }

    private HttpClient newClient(int maxConnections) {
        // Backend connections close before the backends' own idle timeout does (see
        // BalancerConfig#backendIdleTimeout): a request sent on a connection the backend is closing fails.
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        connector.setByteBufferPool(buffers);
        connector.setConnectTimeout(config.connectTimeout());
        connector.setIdleTimeout(config.backendIdleTimeout());
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setByteBufferPool(buffers);
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setMaxConnectionsPerDestination(maxConnections);
        client.setMaxRequestsQueuedPerDestination(4096);
        client.setConnectTimeout(config.connectTimeout().toMillis());
        client.setIdleTimeout(config.backendIdleTimeout().toMillis());
        return client;
    }

    private ServerConnector connector(Server server, String host, int port) {
        HttpConfiguration http = new HttpConfiguration();
        // The backend's own Server and Date headers pass through; do not add a second one.
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, -1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        return connector;
    }

    private static void startServer(Server server, String address) {
        try {
            server.start();
        } catch (Exception e) {
            throw new BalancerStartException(address, e);
        }
    }
}
