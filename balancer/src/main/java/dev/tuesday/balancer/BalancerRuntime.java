package dev.tuesday.balancer;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a balancer runs on: the {@link DataPlane} that forwards requests, and the Jetty parts around
 * it — one small thread pool and scheduler shared by the admin server and the health checker.
 *
 * <p>Each backend has its own {@link Upstream}, because it makes draining exact: once a backend
 * has nothing in flight its upstream is closed, which closes its idle keep-alive connections and
 * nobody else's. The shared pools are started before anything uses them, so no client or server
 * takes ownership of them (Jetty stops only the beans it started).
 */
final class BalancerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(BalancerRuntime.class);

    private final BalancerConfig config;
    private final DataPlane plane;
    private final QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("tuesday-balancer-scheduler", true);
    private Server adminServer;
    private ServerConnector adminConnector;
    private HttpClient healthClient;
    private HealthPoller poller;

    BalancerRuntime(BalancerConfig config) {
        this.config = config;
        this.plane = new DataPlane(config);
        threads.setName("tuesday-balancer");
    }

    void start(BackendPool pool, ClientTotals totals, Function<AdminSettings, Handler> admin) {
        try {
            threads.start();
            scheduler.start();
            healthClient = newHealthClient();
            healthClient.start();
            poller = new HealthPoller(pool, healthClient, scheduler, config.health());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the balancer's threads: " + e.getMessage(), e);
        }
        plane.start(pool, totals);
        config.admin().ifPresent(settings -> {
            adminServer = new Server(threads, scheduler, null);
            adminConnector = connector(adminServer, settings.host(), settings.port());
            adminServer.setHandler(admin.apply(settings));
            startServer(adminServer, settings.host() + ":" + settings.port());
        });
    }

    int port() {
        return plane.port();
    }

    OptionalInt adminPort() {
        return adminConnector == null ? OptionalInt.empty() : OptionalInt.of(adminConnector.getLocalPort());
    }

    void watch(Backend backend) {
        poller.watch(backend);
    }

    Upstream newUpstream(BackendSpec spec) {
        return plane.newUpstream(spec);
    }

    /**
     * Stops everything. With a positive {@code grace}, the proxy first stops accepting and gives
     * the requests in flight up to {@code grace} to finish (backends and polling keep running
     * meanwhile); with zero, requests in flight are cut.
     */
    void stop(List<Upstream> upstreams, Duration grace) {
        plane.stop(grace, upstreams);
        stopQuietly(adminServer);
        if (poller != null) {
            poller.stop();
        }
        stopQuietly(healthClient);
        stopQuietly(scheduler);
        stopQuietly(threads);
    }

    private static void stopQuietly(LifeCycle component) {
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

    private HttpClient newHealthClient() {
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        connector.setConnectTimeout(config.connectTimeout());
        connector.setIdleTimeout(config.backendIdleTimeout());
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setMaxConnectionsPerDestination(4);
        client.setConnectTimeout(config.connectTimeout().toMillis());
        client.setIdleTimeout(config.backendIdleTimeout().toMillis());
        return client;
    }

    private ServerConnector connector(Server server, String host, int port) {
        HttpConfiguration http = new HttpConfiguration();
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
