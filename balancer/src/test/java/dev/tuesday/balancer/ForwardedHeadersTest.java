package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's address reaches the backend as the balancer saw it, unless a trusted proxy forwarded it. */
class ForwardedHeadersTest {
    private static final String[] SPOOFED = {
        "X-Forwarded-For", "203.0.113.9",
        "Forwarded", "for=203.0.113.9;proto=https",
        "X-Real-IP", "203.0.113.9",
        "X-Forwarded-Host", "admin.example"};

    @Test
    void replacesTheForwardingHeadersOfAClientThatIsNoTrustedProxy() throws Exception {
        try (TestBackend backend = TestBackend.start("a");
             Balancer balancer = TestBalancers.fast().backend("a", backend.uri(), "v1", 1).start()) {
            balancer.awaitReady("a", TestBalancers.READY);
            HttpResponse<String> response = Http.get(balancer.uri(), "/echo", SPOOFED);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().lines().toList()).contains(
                    "xff=127.0.0.1", "forwarded=for=127.0.0.1;proto=http", "realip=127.0.0.1", "proto=http", "xfhost=null");
            assertThat(response.body()).doesNotContain("203.0.113.9").doesNotContain("admin.example");
        }
    }

    @Test
    void keepsAndAppendsToTheForwardingHeadersOfATrustedProxy() throws Exception {
        try (TestBackend backend = TestBackend.start("a");
             Balancer balancer = TestBalancers.fast().trustedProxies(List.of("10.0.0.0/8", "127.0.0.0/8"))
                     .backend("a", backend.uri(), "v1", 1).start()) {
            balancer.awaitReady("a", TestBalancers.READY);
            HttpResponse<String> response = Http.get(balancer.uri(), "/echo", SPOOFED);
            assertThat(response.body().lines().toList()).contains(
                    "xff=203.0.113.9, 127.0.0.1", "forwarded=for=203.0.113.9;proto=https, for=127.0.0.1;proto=http",
                    "realip=203.0.113.9", "xfhost=admin.example");
        }
    }

    @Test
    void trustsAddressesAndRangesWrittenLiterallyOnly() throws Exception {
        TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));
        assertThat(proxies.trusts(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(proxies.trusts(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(proxies.trusts(InetAddress.getByName("192.168.1.7"))).isTrue();
        assertThat(proxies.trusts(InetAddress.getByName("192.168.1.8"))).isFalse();
        assertThat(proxies.trusts(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(proxies.trusts(InetAddress.getByName("::1"))).isFalse();
        assertThat(TrustedProxies.NONE.trusts(InetAddress.getLoopbackAddress())).isFalse();
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("localhost")))
                .hasMessage("'localhost' is not an address or a range such as 10.0.0.0/8");
        assertThatThrownBy(() -> Balancer.configure().trustedProxies(List.of("10.0.0.1", "proxy")))
                .hasMessage("trustedProxies: 'proxy' is not an address or a range such as 10.0.0.0/8");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33"))).hasMessageContaining("'10.0.0.0/33'");
    }
}
