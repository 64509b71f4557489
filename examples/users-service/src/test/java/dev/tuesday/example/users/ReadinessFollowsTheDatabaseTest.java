package dev.tuesday.example.users;

import static dev.tuesday.example.users.ServiceTestSupport.awaitStatus;
import static dev.tuesday.example.users.ServiceTestSupport.databaseWithUsers;
import static dev.tuesday.example.users.ServiceTestSupport.env;
import static dev.tuesday.example.users.ServiceTestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 3, lines 1 and 5: readiness follows the database, liveness never does. */
class ReadinessFollowsTheDatabaseTest {

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    /** Cache TTL 1 s + check timeout 1 s, plus a margin for a loaded CI machine. */
    private static final Duration NOTICE_WITHIN = Duration.ofSeconds(3);

    private record Probe(long at, int status) {
    }

    @Test
    void readyzIs503UntilThePoolIsOpenAndMarkReadyRanThen200() throws Exception {
        TestDatabase db = databaseWithUsers(postgres, "startup");
        try (TcpProxy proxy = TcpProxy.to(postgres.server().port())) {
            proxy.down();
            try (ServiceProcess service = ServiceProcess.start(env(db, proxy.port(), "USERS_WARMUP", "1s"))) {
                List<Probe> probes = new ArrayList<>();
                long upAt = -1;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    // The database comes back only once the service has tried it and said it waits.
                    long waiting = service.printedAt("waiting for the database");
                    if (upAt < 0 && waiting > 0 && System.nanoTime() > waiting + Duration.ofMillis(500).toNanos()) {
                        proxy.up();
                        upAt = System.nanoTime();
                    }
                    int readyz = status(service.port(), "/readyz");
                    probes.add(new Probe(System.nanoTime(), readyz));
                    if (readyz == 200) {
                        break;
                    }
                    assertThat(status(service.port(), "/livez")).isEqualTo(200);
                    ServiceProcess.sleep(50);
                }
                long proxyUpAt = upAt;
                assertThat(proxyUpAt).as(service.output()).isPositive();
                assertThat(probes).filteredOn(p -> p.at() < proxyUpAt).isNotEmpty();
                long readyAt = service.printedAt("users-service ready");
                assertThat(readyAt).as(service.output()).isPositive();
                Probe first200 = probes.get(probes.size() - 1);
                assertThat(first200.status()).isEqualTo(200);
                assertThat(probes.subList(0, probes.size() - 1)).isNotEmpty().allMatch(p -> p.status() == 503);
                // 200 only once the database was back and markReady() ran (its log line is read by
                // polling, hence the small tolerance).
                assertThat(first200.at()).isGreaterThan(proxyUpAt);
                assertThat(first200.at()).isGreaterThan(readyAt - Duration.ofMillis(100).toNanos());
                assertThat(status(service.port(), "/startupz")).isEqualTo(200);
            }
        }
    }

    @Test
    void readyzTurns503WhenTheDatabaseStopsWhileLivezStays200AndRecovers() throws Exception {
        TestDatabase db = databaseWithUsers(postgres, "down");
        try (TcpProxy proxy = TcpProxy.to(postgres.server().port());
                ServiceProcess service = ServiceProcess.start(env(db, proxy.port()))) {
            assertThat(awaitStatus(service.port(), "/readyz", 200, Duration.ofSeconds(15))).as(service.output()).isNotNegative();
            assertThat(status(service.port(), "/users/1")).isEqualTo(200);

            proxy.down();
            long t0 = System.nanoTime();
            int livezFailures = 0;
            int readyz = 200;
            while (readyz != 503 && System.nanoTime() - t0 < NOTICE_WITHIN.toNanos() * 2) {
                readyz = status(service.port(), "/readyz");
                livezFailures += status(service.port(), "/livez") == 200 ? 0 : 1;
                ServiceProcess.sleep(50);
            }
            long noticedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(readyz).isEqualTo(503);
            assertThat(noticedMs).isLessThanOrEqualTo(NOTICE_WITHIN.toMillis());
            for (int i = 0; i < 20; i++) {
                livezFailures += status(service.port(), "/livez") == 200 ? 0 : 1;
                assertThat(status(service.port(), "/readyz")).isEqualTo(503);
                ServiceProcess.sleep(100);
            }
            assertThat(livezFailures).isZero();

            proxy.up();
            assertThat(awaitStatus(service.port(), "/readyz", 200, Duration.ofSeconds(10))).isNotNegative();
            assertThat(status(service.port(), "/users/1")).isEqualTo(200);
        }
    }

    @Test
    void aProbeUnderAHangingDatabaseAnswers503WithinItsTimeout() throws Exception {
        TestDatabase db = databaseWithUsers(postgres, "hang");
        try (TcpProxy proxy = TcpProxy.to(postgres.server().port());
                ServiceProcess service = ServiceProcess.start(env(db, proxy.port()))) {
            assertThat(awaitStatus(service.port(), "/readyz", 200, Duration.ofSeconds(15))).as(service.output()).isNotNegative();

            proxy.hang();
            long t0 = System.nanoTime();
            long slowestProbeMs = 0;
            int readyz = 200;
            while (System.nanoTime() - t0 < Duration.ofSeconds(6).toNanos()) {
                RawHttp.Outcome o = RawHttp.get(service.port(), "/readyz", Duration.ofSeconds(10));
                assertThat(o).isInstanceOf(RawHttp.Answered.class);
                RawHttp.Answered a = (RawHttp.Answered) o;
                slowestProbeMs = Math.max(slowestProbeMs, a.millis());
                readyz = a.status();
                RawHttp.Outcome live = RawHttp.get(service.port(), "/livez", Duration.ofSeconds(10));
                assertThat(live).isInstanceOfSatisfying(RawHttp.Answered.class, l -> {
                    assertThat(l.status()).isEqualTo(200);
                    assertThat(l.millis()).isLessThan(500);
                });
                ServiceProcess.sleep(50);
            }
            long t1 = System.nanoTime();
            assertThat(readyz).isEqualTo(503);
            // Each probe waits at most the check timeout (1 s), plus a margin for the machine.
            assertThat(slowestProbeMs).isLessThan(1600);
            String verbose = ((RawHttp.Answered) RawHttp.get(service.port(), "/readyz?verbose", Duration.ofSeconds(5))).body();
            assertThat(verbose).contains("timed out after 1s").doesNotContain("password");
            assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(1600);

            proxy.resume();
            assertThat(awaitStatus(service.port(), "/readyz", 200, Duration.ofSeconds(15))).isNotNegative();
        }
    }
}
