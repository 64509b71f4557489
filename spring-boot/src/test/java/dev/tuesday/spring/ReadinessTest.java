package dev.tuesday.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * Readiness means it: DOWN until the database answers and the version schema exists, on
 * {@code /readyz} and on Actuator's readiness group alike; liveness never touches the database.
 */
class ReadinessTest {

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    private static TestDatabase ready;

    @BeforeAll
    static void freshDatabase() {
        ready = postgres.freshDatabase("ready", VersionSchemaTest.OWNER);
    }

    @Test
    void notReadyUntilTheVersionSchemaExistsThenReadyEverywhere() throws Exception {
        try (TestApp app = TestApp.start(TestApplication.class, ready,
                "tuesday.version-schema", "public_03_later")) {
            assertThat(app.status("/startupz")).isEqualTo(200);
            assertThat(app.status("/readyz")).isEqualTo(503);
            assertThat(app.status("/actuator/health/readiness")).isEqualTo(503);
            assertThat(app.get("/readyz?verbose").body()).contains("version schema public_03_later does not exist");
            assertThat(app.get("/actuator/health/readiness").body()).contains("tuesdayReadiness");
            assertThat(app.status("/livez")).isEqualTo(200);
            assertThat(app.status("/actuator/health/liveness")).isEqualTo(200);

            ready.execute("CREATE SCHEMA public_03_later");
            // Cache TTL (1 s) + one check (1 s at most) + a margin.
            assertThat(app.awaitStatus("/readyz", 200, Duration.ofSeconds(5))).isTrue();
            assertThat(app.status("/actuator/health/readiness")).isEqualTo(200);
            assertThat(app.get("/readyz").headers().firstValue("content-type")).hasValue("application/health+json");
            assertThat(app.context.getBean(ApplicationAvailability.class).getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    @Test
    void aDatabaseThatNeverAnswersFailsReadinessWithinTheCheckTimeoutAndLivenessStaysUp() throws Exception {
        // Accepts connections and never says a word: the worst database for a probe.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException e) {
                    // the socket closed: the test is over
                }
            });
            try (TestApp app = TestApp.start(TestApplication.class, ready,
                    "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/" + ready.name(),
                    "tuesday.version-schema", "public")) {
                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    assertThat(app.status("/readyz")).isEqualTo(503);
                    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
                }
                assertThat(app.get("/readyz?verbose").body()).contains("timed out after 1s");
                assertThat(app.status("/actuator/health/readiness")).isEqualTo(503);
                assertThat(app.status("/livez")).isEqualTo(200);
                assertThat(app.status("/actuator/health/liveness")).isEqualTo(200);
                assertThat(app.get("/livez?verbose").body()).doesNotContain("database").contains("deadlocks");
            }
            acceptor.interrupt();
        }
    }

    @Test
    void springsAvailabilityStatesAreHeardOnTuesdaysProbes() throws Exception {
        try (TestApp app = TestApp.start(TestApplication.class, ready,
                "tuesday.version-schema", "public", "tuesday.health.cache-ttl", "0s")) {
            assertThat(app.awaitStatus("/readyz", 200, Duration.ofSeconds(5))).isTrue();
            AvailabilityChangeEvent.publish(app.context, LivenessState.BROKEN);
            assertThat(app.status("/livez")).isEqualTo(503);
            assertThat(app.status("/actuator/health/liveness")).isEqualTo(503);
            AvailabilityChangeEvent.publish(app.context, LivenessState.CORRECT);
            AvailabilityChangeEvent.publish(app.context, ReadinessState.REFUSING_TRAFFIC);
            assertThat(app.status("/livez")).isEqualTo(200);
            assertThat(app.status("/readyz")).isEqualTo(503);
            AvailabilityChangeEvent.publish(app.context, ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(app.status("/readyz")).isEqualTo(200);
        }
    }
}
