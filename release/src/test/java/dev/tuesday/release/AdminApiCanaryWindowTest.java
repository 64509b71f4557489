package dev.tuesday.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.HealthSettings;
import dev.tuesday.release.instance.Instance;
import dev.tuesday.release.instance.Launcher;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.release.plan.VersionSpec;
import dev.tuesday.release.traffic.AdminApiTraffic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary judged through a balancer in another process's place: a real {@link Balancer} with its
 * admin API, reached only through {@link AdminApiTraffic} (as {@code tuesday release} does), real
 * HTTP backends on loopback, and a bounded open-loop load. Each analysis window must be judged on
 * its own requests, not on everything the version served since the balancer started.
 */
class AdminApiCanaryWindowTest {
    private static final String TOKEN = "canary-window-test-token";
    /** Requests per second sent to the balancer; half reach the canary during its steps. */
    private static final int RATE = 120;
    /**
     * Once the canary turns slow, this many of its requests take {@link #SLOW}: above the 1 % a
     * p99 ignores in its last window (some 180 requests, up to 250 would do), under it in all the canary served.
     */
    private static final int SLOW_REQUESTS = 3;
    private static final Duration SLOW = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private Balancer balancer;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<ReleaseEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger slowLeft = new AtomicInteger();
    private Release release;
    private Load load;

    @BeforeEach
    void startBalancer() {
        balancer = Balancer.configure().listen("127.0.0.1", 0).admin("127.0.0.1", 0, TOKEN)
                .health(new HealthSettings("/readyz", Duration.ofMillis(50), Duration.ofSeconds(1), 1, 2)).start();
    }

    @AfterEach
    void stopEverything() {
        if (load != null) {
            load.stop();
        }
        if (release != null) {
            release.close();
        }
        servers.forEach(server -> server.stop(0));
        balancer.close();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void canaryThatTurnsSlowOnlyInItsLastWindowIsAbortedThroughTheAdminApi() throws Exception {
        // Six seconds of a fast canary, then a window of three where its first three requests take
        // two seconds each: the last window's p99 is slow, while the version's p99 since the start
        // stays fast (three requests are under 1 % of all it served).
        ReleasePlan plan = ReleasePlan.read(Plans.write(dir, """
                from: { version: v1, command: [in-test], instances: 1, schema: public_01_create_users }
                to: { version: v2, command: [in-test], instances: 1, schema: public_02_full_name }
                readiness: { deadline: 10s, poll: 50ms }
                drain: { timeout: 2s, grace: 1s }
                strategy:
                  canary:
                    steps: [ { weight: 50, pause: 6s }, { weight: 50, pause: 3s } ]
                    # Wide thresholds: on a crowded test machine either version's tail may reach a second.
                    analysis: { maxLatencyRatio: 1, latencyMargin: 500ms }
                """));
        AdminApiTraffic traffic = new AdminApiTraffic(URI.create("http://127.0.0.1:" + balancer.adminPort().orElseThrow()), TOKEN);
        release = Release.configure().plan(plan).traffic(traffic).launcher(new HttpLauncher())
                .schemaChange(new Fakes().change).stateDir(dir.resolve(".tuesday"))
                .listener(event -> {
                    events.add(event);
                    System.out.printf("%tT.%<tL %s%n", System.currentTimeMillis(), event.line());
                    if (event instanceof ReleaseEvent.Analysed analysed && analysed.verdict().step() == 0) {
                        slowLeft.set(SLOW_REQUESTS);
                    }
                }).build();
        release.deployFrom();

        load = new Load(balancer.uri(), RATE, Duration.ofSeconds(40));
        Thread.sleep(500);
        ReleaseOutcome outcome = release.run();
        load.stop();

        List<AnalysisVerdict> verdicts = events.stream().filter(ReleaseEvent.Analysed.class::isInstance)
                .map(e -> ((ReleaseEvent.Analysed) e).verdict()).toList();
        verdicts.forEach(v -> System.out.println("verdict: " + v.describe()));
        System.out.printf("load: %d sent, %d answered, %d failed %s%n", load.sent.get(), load.answered.get(), load.failed.get(),
                load.failures);
        assertThat(verdicts).hasSize(2);
        assertThat(verdicts.get(0).passed()).as("the first window, canary fast").isTrue();
        assertThat(verdicts.get(1).canary().p99Millis()).as("the last window's canary p99").isGreaterThanOrEqualTo(1900);
        assertThat(verdicts.get(1).reason()).startsWith("p99 ");
        assertThat(outcome).isInstanceOf(ReleaseOutcome.RolledBack.class);
        assertThat(((ReleaseOutcome.RolledBack) outcome).reason()).isInstanceOf(AbortReason.AnalysisFailed.class);
        assertThat(traffic.backends()).extracting(b -> b.spec().version()).containsOnly("v1");
        assertThat(load.failed.get()).isZero();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aCanarySlowOnlyInItsFirstRequestsPassesWhenTheInitialDelayCoversThem() throws Exception {
        // A cold JVM: the canary's first three requests take two seconds each, all of them inside
        // the initial delay. Judged on them (above 1 % of its window), it would be rolled back.
        ReleasePlan plan = ReleasePlan.read(Plans.write(dir, """
                from: { version: v1, command: [in-test], instances: 1, schema: public_01_create_users }
                to: { version: v2, command: [in-test], instances: 1, schema: public_02_full_name }
                readiness: { deadline: 10s, poll: 50ms }
                drain: { timeout: 2s, grace: 1s }
                strategy:
                  canary:
                    steps: [ { weight: 50, pause: 3s } ]
                    analysis: { maxLatencyRatio: 1, latencyMargin: 500ms, initialDelay: 3s }
                """));
        AdminApiTraffic traffic = new AdminApiTraffic(URI.create("http://127.0.0.1:" + balancer.adminPort().orElseThrow()), TOKEN);
        release = Release.configure().plan(plan).traffic(traffic).launcher(new HttpLauncher())
                .schemaChange(new Fakes().change).stateDir(dir.resolve(".tuesday")).listener(events::add).build();
        release.deployFrom();
        load = new Load(balancer.uri(), RATE, Duration.ofSeconds(30));
        Thread.sleep(500);
        slowLeft.set(SLOW_REQUESTS); // only the canary's requests take from it
        ReleaseOutcome outcome = release.run();
        load.stop();

        List<AnalysisVerdict> verdicts = events.stream().filter(ReleaseEvent.Analysed.class::isInstance)
                .map(e -> ((ReleaseEvent.Analysed) e).verdict()).toList();
        verdicts.forEach(v -> System.out.println("verdict: " + v.describe()));
        assertThat(slowLeft.get()).as("the canary served its slow requests").isZero();
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.passed()).as(v.describe()).isTrue();
            assertThat(v.canary().p99Millis()).as("the window's canary p99").isLessThan(1000);
        });
        assertThat(outcome).isInstanceOf(ReleaseOutcome.Completed.class);
        assertThat(load.failed.get()).isZero();
    }

    /** Starts each instance as an HTTP server in this JVM; the canary's turns slow on {@link #slowLeft}. */
    private final class HttpLauncher implements Launcher {
        @Override
        public Instance launch(String id, VersionSpec version, String schema) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                boolean canary = version.version().equals("v2");
                server.createContext("/readyz", exchange -> {
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
                server.createContext("/", exchange -> {
                    if (canary && slowLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        try {
                            Thread.sleep(SLOW);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    exchange.getRequestBody().readAllBytes();
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
                server.start();
                servers.add(server);
                ServerInstance instance = new ServerInstance(id, version.version(), server);
                instance.warmUp();
                return instance;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An instance that is an in-process HTTP server: ready while it runs, "exited" once stopped. */
    private record ServerInstance(String id, String version, HttpServer server, AtomicBoolean stopped) implements Instance {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

        ServerInstance(String id, String version, HttpServer server) {
            this(id, version, server, new AtomicBoolean());
        }

        /** A few requests straight to the server, so its first ones through the balancer are not its slowest. */
        void warmUp() {
            HttpRequest ready = HttpRequest.newBuilder(uri().resolve("/readyz")).timeout(Duration.ofSeconds(2)).build();
            for (int i = 0; i < 50; i++) {
                try {
                    HTTP.send(ready, HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public boolean probeReady() {
            return !stopped.get();
        }

        @Override
        public OptionalInt exitCode() {
            return stopped.get() ? OptionalInt.of(0) : OptionalInt.empty();
        }

        @Override
        public void stop(Duration grace) {
            stopped.set(true);
            server.stop(0);
        }
    }

    /** Open-loop GETs at a fixed rate, at most 64 in flight, stopping by itself after a limit. */
    private static final class Load {
        private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        private final HttpClient http = HttpClient.newBuilder().executor(requests).connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).build();
        private final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final List<String> failures = new ArrayList<>();

        Load(URI target, int rate, Duration limit) {
            HttpRequest request = HttpRequest.newBuilder(target.resolve("/work")).timeout(Duration.ofSeconds(5)).GET().build();
            ticker.scheduleAtFixedRate(() -> {
                if (inFlight.incrementAndGet() > 64) {
                    inFlight.decrementAndGet();
                    return;
                }
                sent.incrementAndGet();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    inFlight.decrementAndGet();
                    if (error == null && response.statusCode() < 500) {
                        answered.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        synchronized (failures) {
                            failures.add(error != null ? error.toString() : "status " + response.statusCode());
                        }
                    }
                });
            }, 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);
            ticker.schedule(ticker::shutdown, limit.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Stops sending, and returns once the requests in flight ended (or their 5 s timeout passed). */
        void stop() {
            ticker.shutdownNow();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (inFlight.get() > 0 && System.nanoTime() < until) {
                Pause.sleep(Duration.ofMillis(20));
            }
            http.close();
            requests.shutdown();
        }
    }
}
