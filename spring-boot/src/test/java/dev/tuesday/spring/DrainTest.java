package dev.tuesday.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

/**
 * On shutdown readiness refuses first, the drain delay passes while the application still serves
 * (with {@code Connection: close}), then Boot's graceful shutdown stops accepting and finishes the
 * requests in flight: on Tomcat and on Jetty.
 */
class DrainTest {

    private static final Duration DELAY = Duration.ofSeconds(5);

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    private static TestDatabase drain;

    @BeforeAll
    static void freshDatabase() {
        drain = postgres.freshDatabase("drain", VersionSchemaTest.OWNER);
    }

    @ParameterizedTest
    @ValueSource(classes = {TestApplication.class, JettyTestApplication.class})
    void readinessRefusesThenTheDelayPassesThenInFlightRequestsFinish(Class<?> application) throws Exception {
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try (TestApp app = TestApp.start(application, drain,
                "tuesday.version-schema", "public", "tuesday.drain.delay", DELAY.toMillis() + "ms", "tuesday.drain.timeout", "20s");
                clients) {
            assertThat(app.awaitStatus("/readyz", 200, Duration.ofSeconds(5))).isTrue();
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                // Each on its own client: its own connection, as from different callers.
                inFlight.add(CompletableFuture.supplyAsync(() -> send(app, HttpClient.newHttpClient(), "/slow?ms=7000"), clients));
            }
            Thread.sleep(300);
            long t0 = System.nanoTime();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(app.context::close, clients);

            Thread.sleep(300);
            assertThat(app.status("/readyz")).isEqualTo(503);
            assertThat(app.status("/actuator/health/readiness")).isEqualTo(503);
            assertThat(app.context.getBean(ApplicationAvailability.class).getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
            assertThat(app.status("/livez")).as("draining is not dead").isEqualTo(200);
            HttpResponse<String> during = app.get(HttpClient.newHttpClient(), "/slow?ms=0");
            assertThat(during.statusCode()).isEqualTo(200);
            assertThat(during.headers().firstValue("connection")).hasValue("close");
            assertThat(closing).as("still in the drain delay").isNotDone();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the checks above ran within the delay").isLessThan(DELAY);

            // The delay is over: no new connection is accepted, the ones in flight are answered.
            Thread.sleep(Math.max(0, DELAY.plusMillis(700).toMillis() - (System.nanoTime() - t0) / 1_000_000));
            // Tomcat refuses the connection, Jetty accepts and closes it at once: neither serves it.
            assertThatThrownBy(() -> app.get(HttpClient.newHttpClient(), "/slow?ms=0"))
                    .isInstanceOfAny(ConnectException.class, IOException.class);
            for (CompletableFuture<HttpResponse<String>> f : inFlight) {
                HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("7000");
            }
            closing.get(20, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(DELAY);
        }
    }

    private static HttpResponse<String> send(TestApp app, HttpClient client, String path) {
        try {
            return app.get(client, path);
        } catch (Exception e) {
            throw new IllegalStateException(path + " failed: " + e, e);
        }
    }
}
