package dev.tuesday.release.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.HealthSettings;
import dev.tuesday.release.ReleaseException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The release's view of a balancer in another process, through the real admin API. */
class AdminApiTrafficTest {
    private static final String TOKEN = "release-test-token";

    private HttpServer backend;
    private Balancer balancer;
    private AdminApiTraffic traffic;

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            int status = exchange.getRequestURI().getPath().equals("/fail") ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        backend.start();
        balancer = Balancer.configure().listen("127.0.0.1", 0).admin("127.0.0.1", 0, TOKEN)
                .health(new HealthSettings("/readyz", Duration.ofMillis(50), Duration.ofSeconds(1), 1, 2)).start();
        traffic = new AdminApiTraffic(URI.create("http://127.0.0.1:" + balancer.adminPort().orElseThrow()), TOKEN);
    }

    @AfterEach
    void stop() {
        balancer.close();
        backend.stop(0);
    }

    @Test
    void addsWeighsCountsAndRemovesBackends() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + backend.getAddress().getPort());
        traffic.add("v2-1", uri, "v2", 0);
        long until = System.nanoTime() + 5_000_000_000L;
        while (!traffic.isReady("v2-1") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(traffic.isReady("v2-1")).isTrue();
        traffic.setWeight("v2-1", 100);
        assertThat(traffic.backends()).singleElement().satisfies(b -> {
            assertThat(b.spec().version()).isEqualTo("v2");
            assertThat(b.spec().weight()).isEqualTo(100);
            assertThat(b.spec().uri()).isEqualTo(uri);
        });

        VersionCounters before = traffic.counters("v2");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 10; i++) {
            http.send(HttpRequest.newBuilder(balancer.uri().resolve(i < 3 ? "/fail" : "/ok")).build(), HttpResponse.BodyHandlers.discarding());
        }
        VersionCounters.Window window = traffic.counters("v2").since(before);
        assertThat(window.requests()).isEqualTo(10);
        assertThat(window.failures()).isEqualTo(3);

        traffic.drainAndRemove("v2-1", Duration.ofSeconds(5));
        assertThat(traffic.backends()).isEmpty();
        assertThat(traffic.isReady("v2-1")).isFalse();
    }

    @Test
    void aWrongTokenIsAClearError() {
        AdminApiTraffic wrong = new AdminApiTraffic(URI.create("http://127.0.0.1:" + balancer.adminPort().orElseThrow()), "not-the-token");
        assertThatThrownBy(wrong::backends).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("refused GET /backends: 401");
    }

    @Test
    void aBalancerThatIsGoneIsUnreachableTrafficNotAFailedRelease() {
        // A release backing out goes on without an unreachable balancer (Rollout, Fleet): it must be told apart.
        balancer.close();
        assertThatThrownBy(traffic::backends).isInstanceOf(TrafficUnreachable.class)
                .hasMessageContaining("cannot reach the balancer's admin API");
        assertThatThrownBy(() -> traffic.drainAndRemove("v2-1", Duration.ofSeconds(1)))
                .isInstanceOf(TrafficUnreachable.class);
    }
}
