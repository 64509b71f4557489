package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminApiTest {
    private static final String TOKEN = "test-token-123";

    private static URI admin(Balancer balancer) {
        return URI.create("http://127.0.0.1:" + balancer.adminPort().orElseThrow());
    }

    private static String[] auth() {
        return new String[] {"Authorization", "Bearer " + TOKEN};
    }

    @Test
    void refusesEveryOperationWithoutTheRightToken() throws Exception {
        try (Balancer balancer = TestBalancers.fast().admin("127.0.0.1", 0, TOKEN).start()) {
            URI admin = admin(balancer);
            assertThat(Http.get(admin, "/backends").statusCode()).isEqualTo(401);
            assertThat(Http.get(admin, "/backends", "Authorization", "Bearer wrong-token").statusCode()).isEqualTo(401);
            HttpResponse<String> add = Http.send(admin, "POST", "/backends",
                    "{\"id\":\"x\",\"url\":\"http://127.0.0.1:1\",\"version\":\"v1\"}");
            assertThat(add.statusCode()).isEqualTo(401);
            assertThat(add.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(balancer.backends()).isEmpty();
            assertThat(Http.get(admin, "/backends", auth()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void listsAddsWeighsDrainsAndRemovesBackends() throws Exception {
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b")) {
            try (Balancer balancer = TestBalancers.fast().admin("127.0.0.1", 0, TOKEN)
                    .backend("a", a.uri(), "v1", 100).start()) {
                URI admin = admin(balancer);
                HttpResponse<String> added = Http.send(admin, "POST", "/backends",
                        "{\"id\":\"b\",\"url\":\"" + b.uri() + "\",\"version\":\"v2\",\"weight\":5}", auth());
                assertThat(added.statusCode()).isEqualTo(201);
                assertThat(added.body()).contains("\"id\":\"b\"").contains("\"weight\":5");
                assertThat(balancer.awaitReady("b", TestBalancers.READY)).isTrue();

                HttpResponse<String> duplicate = Http.send(admin, "POST", "/backends",
                        "{\"id\":\"b\",\"url\":\"" + b.uri() + "\",\"version\":\"v2\"}", auth());
                assertThat(duplicate.statusCode()).isEqualTo(409);

                HttpResponse<String> weighed = Http.send(admin, "PUT", "/backends/b/weight", "{\"weight\":50}", auth());
                assertThat(weighed.statusCode()).isEqualTo(200);
                assertThat(balancer.backend("b").spec().weight()).isEqualTo(50);

                HttpResponse<String> badWeight = Http.send(admin, "PUT", "/backends/b/weight", "{\"weight\":-1}", auth());
                assertThat(badWeight.statusCode()).isEqualTo(400);
                assertThat(badWeight.body()).contains("weight");

                HttpResponse<String> list = Http.get(admin, "/backends", auth());
                assertThat(list.body()).contains("\"id\":\"a\"").contains("\"state\":\"ready\"").contains("\"version\":\"v2\"");

                assertThat(Http.send(admin, "POST", "/backends/a/drain", null, auth()).statusCode()).isEqualTo(202);
                assertThat(balancer.backend("a").state()).isEqualTo(BackendState.DRAINING);
                assertThat(Http.get(balancer.uri(), "/work").body()).isEqualTo("b");

                assertThat(Http.send(admin, "DELETE", "/backends/a", null, auth()).statusCode()).isEqualTo(202);
                RoutingTest.waitFor(() -> balancer.backends().size() == 1);
                assertThat(Http.send(admin, "DELETE", "/backends/nope", null, auth()).statusCode()).isEqualTo(404);
            }
        }
    }

    @Test
    void servesMetricsInPrometheusTextFormat() throws Exception {
        try (TestBackend a = TestBackend.start("a")) {
            try (Balancer balancer = TestBalancers.fast().admin("127.0.0.1", 0, TOKEN)
                    .backend("a", a.uri(), "v1", 100).start()) {
                balancer.awaitReady("a", TestBalancers.READY);
                for (int i = 0; i < 5; i++) {
                    Http.get(balancer.uri(), "/work");
                }
                Http.get(balancer.uri(), "/fail");
                HttpResponse<String> metrics = Http.get(admin(balancer), "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
                assertThat(metrics.body())
                        .contains("# TYPE tuesday_balancer_backend_requests_total counter")
                        .contains("tuesday_balancer_client_requests_total 6\n")
                        .contains("tuesday_balancer_backend_requests_total{backend=\"a\",version=\"v1\"} 6\n")
                        .contains("tuesday_balancer_backend_responses_5xx_total{backend=\"a\",version=\"v1\"} 1\n")
                        .contains("tuesday_balancer_backend_state{backend=\"a\",version=\"v1\",state=\"ready\"} 1\n")
                        .contains("tuesday_balancer_version_requests_total{version=\"v1\"} 6\n")
                        .contains("tuesday_balancer_backend_latency_seconds_count{backend=\"a\",version=\"v1\"} 6\n")
                        .containsPattern("tuesday_balancer_backend_latency_seconds\\{backend=\"a\",version=\"v1\",quantile=\"0.99\"} [0-9.E-]+\n");
            }
        }
    }

    @Test
    void isNotReachableOnTheProxyPort() throws Exception {
        try (Balancer balancer = TestBalancers.fast().admin("127.0.0.1", 0, TOKEN).start()) {
            HttpResponse<String> response = Http.get(balancer.uri(), "/backends", auth());
            assertThat(response.statusCode()).isEqualTo(503); // forwarded (no backend), not the admin API
        }
    }
}
