package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed client against a real balancer's admin API, with real backends on loopback. */
class AdminClientTest {
    private static final String TOKEN = "admin-client-test-token";

    private static AdminClient client(Balancer balancer, String token) {
        return AdminClient.of(URI.create("http://127.0.0.1:" + balancer.adminPort().orElseThrow()), token);
    }

    @Test
    void drivesABalancerAsItsOwnMethodsDo() throws Exception {
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b");
             Balancer balancer = TestBalancers.fast().admin("127.0.0.1", 0, TOKEN).backend("a", a.uri(), "v1", 100).start()) {
            AdminClient admin = client(balancer, TOKEN);

            BackendView added = admin.addBackend(new BackendSpec("b", b.uri(), "v2", 0));
            assertThat(added.spec()).isEqualTo(new BackendSpec("b", b.uri(), "v2", 0));
            assertThat(balancer.awaitReady("b", TestBalancers.READY)).isTrue();
            assertThat(admin.setWeight("b", 50).spec().weight()).isEqualTo(50);
            assertThat(admin.backends()).extracting(BackendView::id, BackendView::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", BackendState.READY),
                            org.assertj.core.groups.Tuple.tuple("b", BackendState.READY));
            assertThatThrownBy(() -> admin.addBackend(new BackendSpec("b", b.uri(), "v2", 1)))
                    .isInstanceOf(DuplicateBackendException.class).hasMessageContaining("'b'");
            assertThatThrownBy(() -> admin.setWeight("nope", 1))
                    .isInstanceOf(NoSuchBackendException.class).hasMessageContaining("'nope'");

            assertThat(admin.drain("a").state()).isEqualTo(BackendState.DRAINING);
            admin.removeBackend("a");
            RoutingTest.waitFor(() -> balancer.backends().size() == 1);
            assertThat(admin.backends()).extracting(BackendView::id).containsExactly("b");
            assertThatThrownBy(() -> admin.removeBackend("a")).isInstanceOf(NoSuchBackendException.class);
        }
    }

    @Test
    void versionCountersGiveTheExactLatencyOfAWindowBetweenTwoSnapshots() throws Exception {
        try (TestBackend a = TestBackend.start("a");
             Balancer balancer = TestBalancers.fast().admin("127.0.0.1", 0, TOKEN).backend("a", a.uri(), "v1", 100).start()) {
            assertThat(balancer.awaitReady("a", TestBalancers.READY)).isTrue();
            AdminClient admin = client(balancer, TOKEN);
            for (int i = 0; i < 300; i++) {
                Http.get(balancer.uri(), "/work");
            }
            TrafficStats before = admin.versions().get("v1");
            for (int i = 0; i < 20; i++) {
                Http.get(balancer.uri(), i < 2 ? "/work?ms=300" : "/work");
            }
            Http.get(balancer.uri(), "/fail");
            Map<String, TrafficStats> after = admin.versions();

            TrafficStats window = after.get("v1").since(before);
            assertThat(window.requests()).isEqualTo(21);
            assertThat(window.failures()).isEqualTo(1);
            // 2 slow requests of 21 are 10 %: the window's p99 is slow, the cumulative one is not.
            assertThat(window.latencyMillis(99)).isGreaterThanOrEqualTo(300);
            assertThat(after.get("v1").latencyMillis(99)).isLessThan(300);
            assertThat(after.get("v1").requests()).isEqualTo(balancer.metrics().version("v1").requests());
            assertThat(after.get("v1").latencyMillis(99)).isEqualTo(balancer.metrics().version("v1").latencyMillis(99));
        }
    }

    @Test
    void versionCountersKeepTheTrafficOfRemovedBackends() throws Exception {
        try (TestBackend a = TestBackend.start("a");
             Balancer balancer = TestBalancers.fast().admin("127.0.0.1", 0, TOKEN).backend("a", a.uri(), "v1", 100).start()) {
            assertThat(balancer.awaitReady("a", TestBalancers.READY)).isTrue();
            AdminClient admin = client(balancer, TOKEN);
            for (int i = 0; i < 5; i++) {
                Http.get(balancer.uri(), "/work");
            }
            admin.removeBackend("a");
            RoutingTest.waitFor(() -> balancer.backends().isEmpty());

            assertThat(admin.backends()).isEmpty();
            assertThat(admin.versions().get("v1").requests()).isEqualTo(5);
            assertThat(admin.versions().get("v1").latencyMicros().getTotalCount()).isEqualTo(5);
        }
    }

    @Test
    void refusalsAndSilenceAreTypedErrorsNamingTheCall() throws Exception {
        try (Balancer balancer = TestBalancers.fast().admin("127.0.0.1", 0, TOKEN).start()) {
            AdminClient wrong = client(balancer, "not-the-token");
            assertThatThrownBy(wrong::versions).isInstanceOf(AdminApiException.class)
                    .hasMessageContaining("refused GET /versions: 401 missing or wrong bearer token")
                    .satisfies(e -> assertThat(((AdminApiException) e).status()).hasValue(401))
                    .hasMessageNotContaining("not-the-token");
            int port = balancer.adminPort().orElseThrow();
            balancer.close();
            AdminClient gone = AdminClient.of(URI.create("http://127.0.0.1:" + port), TOKEN);
            assertThatThrownBy(gone::backends).isInstanceOf(AdminApiException.class)
                    .hasMessageContaining("cannot reach the balancer's admin API at http://127.0.0.1:" + port + " (GET /backends)")
                    .satisfies(e -> assertThat(((AdminApiException) e).status()).isEmpty());
        }
    }
}
