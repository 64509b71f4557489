package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BalancerConfigTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("balancer.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsEverySetting() throws Exception {
        BalancerConfig config = BalancerConfig.read(write("""
                listen: 127.0.0.1:18080
                admin: { listen: 127.0.0.1:18081, token: s3cret-token }
                health: { path: /health/ready, interval: 500ms, timeout: 2s, rise: 3, fall: 4 }
                timeouts: { connect: 1s, response: PT45S, idle: 1m }
                maxRequestBodyBytes: 1024
                maxConnectionsPerBackend: 32
                backends:
                  - { id: users-1, url: "http://127.0.0.1:9001", version: v1, weight: 90 }
                  - { id: users-2, url: "http://127.0.0.1:9002", version: v2 }
                """));
        assertThat(config.listenHost()).isEqualTo("127.0.0.1");
        assertThat(config.listenPort()).isEqualTo(18080);
        assertThat(config.admin()).hasValue(new AdminSettings("127.0.0.1", 18081, "s3cret-token"));
        assertThat(config.health()).isEqualTo(new HealthSettings("/health/ready", Duration.ofMillis(500), Duration.ofSeconds(2), 3, 4));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.maxRequestBodyBytes()).isEqualTo(1024);
        assertThat(config.maxConnectionsPerBackend()).isEqualTo(32);
        assertThat(config.backends()).extracting(BackendSpec::id, BackendSpec::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("users-1", 90), org.assertj.core.groups.Tuple.tuple("users-2", 100));
    }

    @Test
    void usesDefaultsForWhatIsLeftOut() throws Exception {
        BalancerConfig config = BalancerConfig.read(write("listen: 8080\n"));
        assertThat(config.listenHost()).isEqualTo("0.0.0.0");
        assertThat(config.admin()).isEmpty();
        assertThat(config.health()).isEqualTo(HealthSettings.DEFAULTS);
        assertThat(config.backends()).isEmpty();
    }

    @Test
    void namesTheFileAndFieldOfAnUnknownSetting() throws Exception {
        Path file = write("listen: 8080\nhealth: { intervall: 1s }\n");
        assertThatThrownBy(() -> BalancerConfig.read(file))
                .isInstanceOf(BalancerConfigException.class)
                .hasMessageStartingWith(file + ": health.intervall: unknown field")
                .satisfies(e -> assertThat(((BalancerConfigException) e).field()).isEqualTo("health.intervall"));
    }

    @Test
    void namesTheFieldOfABadValue() throws Exception {
        assertThatThrownBy(() -> BalancerConfig.read(write("health: { interval: soon }\n")))
                .hasMessageContaining("health.interval: 'soon' is not a duration");
        assertThatThrownBy(() -> BalancerConfig.read(write("backends:\n  - { id: a, url: 'ftp://x', version: v1 }\n")))
                .hasMessageContaining("backends[0]: backend a: url 'ftp://x' must look like http://host:port");
        assertThatThrownBy(() -> BalancerConfig.read(write("backends:\n  - { id: a, version: v1 }\n")))
                .hasMessageContaining("backends[0].url: is required");
        assertThatThrownBy(() -> BalancerConfig.read(write("backends:\n  - { id: a, url: 'http://127.0.0.1:1', version: v1, weight: -3 }\n")))
                .hasMessageContaining("backends[0]: backend a: weight -3 must be between 0 and");
    }

    @Test
    void refusesAnAdminApiOffLoopbackOrWithoutToken() throws Exception {
        assertThatThrownBy(() -> BalancerConfig.read(write("admin: { listen: 0.0.0.0:9000, token: long-enough }\n")))
                .hasMessageContaining("admin: admin.host '0.0.0.0' must be a loopback address");
        assertThatThrownBy(() -> BalancerConfig.read(write("admin: { listen: 127.0.0.1:9000 }\n")))
                .hasMessageContaining("admin.token: is required");
    }

    @Test
    void refusesDuplicateBackendIds() throws Exception {
        assertThatThrownBy(() -> BalancerConfig.read(write("""
                backends:
                  - { id: a, url: "http://127.0.0.1:1", version: v1 }
                  - { id: a, url: "http://127.0.0.1:2", version: v1 }
                """))).hasMessageContaining("a backend with id 'a' already exists");
    }

    @Test
    void reportsAMissingFileAndBrokenYamlInOneLine() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> BalancerConfig.read(missing)).hasMessage(missing + ": file not found");
        assertThatThrownBy(() -> BalancerConfig.read(write("listen: [unclosed\n")))
                .hasMessageContaining("not valid YAML at line");
    }

    @Test
    void refusesAKeyWrittenTwiceInsteadOfLettingTheLastWin() throws Exception {
        Path file = write("listen: 127.0.0.1:8080\nlisten: 0.0.0.0:80\n");
        assertThatThrownBy(() -> BalancerConfig.read(file))
                .isInstanceOf(BalancerConfigException.class)
                .hasMessage(file + ": listen: is written twice in the same mapping (line 2)");
        assertThatThrownBy(() -> BalancerConfig.read(write("""
                backends:
                  - { id: a, url: "http://127.0.0.1:1", version: v1, weight: 1, weight: 100 }
                """))).hasMessageContaining("backends[0].weight: is written twice");
    }

    @Test
    void refusesAnchorsAndAliasesNamingTheField() throws Exception {
        assertThatThrownBy(() -> BalancerConfig.read(write("""
                health: { path: /readyz }
                backends:
                  - { id: a, url: &url "http://127.0.0.1:1", version: v1 }
                  - { id: b, url: *url, version: v1 }
                """))).hasMessageContaining("backends[1].url: is the YAML alias *url (line 4); anchors and aliases are not supported");
        assertThatThrownBy(() -> BalancerConfig.read(write("admin: { listen: 127.0.0.1:9000, token: *secret }\n")))
                .hasMessageContaining("admin.token: is the YAML alias *secret");
    }

    @Test
    void refusesAHugeDurationWithAClearMessage() throws Exception {
        Path file = write("timeouts: { response: 9999999999999h }\n");
        assertThatThrownBy(() -> BalancerConfig.read(file))
                .hasMessage(file + ": timeouts.response: '9999999999999h' is longer than the longest duration, 365 days");
        assertThatThrownBy(() -> BalancerConfig.read(write("timeouts: { idle: 2562047788015216h }\n")))
                .hasMessageContaining("timeouts.idle: '2562047788015216h' is longer than the longest duration");
    }

    @Test
    void refusesAFileLargerThanOneMebibyte() throws Exception {
        Path file = write("listen: 8080\n" + ("# padding\n").repeat(120_000));
        assertThatThrownBy(() -> BalancerConfig.read(file)).hasMessage(file + ": the file is larger than 1048576 bytes (1 MiB)");
    }

    @Test
    void readsTheLimitsTheShutdownAndTheTrustedProxies() throws Exception {
        BalancerConfig config = BalancerConfig.read(write("""
                timeouts: { backendIdle: 2s, header: 5s, drain: 45s }
                maxBufferedBodyBytes: 33554432
                maxConnections: 100
                ejectAfterConnectionFailures: 5
                trustedProxies: [ 10.0.0.0/8, "::1" ]
                """));
        assertThat(config.backendIdleTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.maxBufferedBodyBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(config.maxConnections()).isEqualTo(100);
        assertThat(config.ejectAfterConnectionFailures()).isEqualTo(5);
        assertThat(config.trustedProxies().entries()).containsExactly("10.0.0.0/8", "::1");
        assertThatThrownBy(() -> BalancerConfig.read(write("trustedProxies: [ proxy.example ]\n")))
                .hasMessageContaining("balancer.yaml: trustedProxies[0]: 'proxy.example' is not an address");
        assertThatThrownBy(() -> BalancerConfig.read(write("maxBufferedBodyBytes: 1024\n")))
                .hasMessageContaining("maxBufferedBodyBytes 1024 must be at least maxRequestBodyBytes");
        assertThatThrownBy(() -> BalancerConfig.read(write("ejectAfterConnectionFailures: 0\n")))
                .hasMessageContaining("ejectAfterConnectionFailures 0 must be at least 1");
    }
}
