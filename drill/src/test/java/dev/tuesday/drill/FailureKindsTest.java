package dev.tuesday.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each way a request can fail is counted under its own kind. */
class FailureKindsTest {

    @Test
    void countsEveryRequestToAClosedPortAsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DrillResult result = Drill.configure().target("http://127.0.0.1:" + port + "/")
                .rate(50).duration(Duration.ofSeconds(1)).build().run();

        Verdict v = result.verdict();
        assertThat(v.requests()).isEqualTo(50);
        assertThat(v.failed()).containsExactly(java.util.Map.entry(FailureKind.REFUSED, 50L));
        assertThat(v.longestFailureRun().count()).isEqualTo(50);
        assertThat(v.longestFailureRun().duration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void countsServerErrorsAs5xxAndFindsTheLongestRunOfThem() throws Exception {
        AtomicLong arrivals = new AtomicLong();
        try (TestService server = new TestService((method, path, query, body) -> {
            long n = arrivals.getAndIncrement();
            // Requests 40 to 59 fail: a burst of 20 in a row.
            return new TestService.Answer(n >= 40 && n < 60 ? 500 : 200, "");
        })) {
            Verdict v = Drill.configure().target(server.uri()).rate(50).duration(Duration.ofSeconds(2))
                    .timeout(Duration.ofSeconds(10)).build().run().verdict();

            assertThat(v.requests()).isEqualTo(100);
            assertThat(v.failed()).containsExactly(java.util.Map.entry(FailureKind.SERVER_ERROR, 20L));
            assertThat(v.longestFailureRun().count()).isBetween(15L, 20L);
        }
    }

    @Test
    void countsAnAnswerSlowerThanTheTimeoutAsTimeout() throws Exception {
        try (TestService server = new TestService((method, path, query, body) -> {
            Thread.sleep(1500);
            return new TestService.Answer(200, "");
        })) {
            Verdict v = Drill.configure().target(server.uri()).rate(20).duration(Duration.ofSeconds(1))
                    .timeout(Duration.ofMillis(300)).build().run().verdict();

            assertThat(v.failed()).containsExactly(java.util.Map.entry(FailureKind.TIMEOUT, 20L));
            assertThat(v.p50()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void countsAConnectionClosedWithoutAnAnswerAsReset() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        s.setSoLinger(true, 0); // close with RST, as a killed process does
                        s.getInputStream().read();
                    } catch (IOException e) {
                        // the listener closed: the test is over
                    }
                }
            });
            Verdict v = Drill.configure().target("http://127.0.0.1:" + listener.getLocalPort() + "/")
                    .rate(20).duration(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(5)).build().run().verdict();

            assertThat(v.failed()).containsExactly(java.util.Map.entry(FailureKind.RESET, 20L));
        }
    }
}
