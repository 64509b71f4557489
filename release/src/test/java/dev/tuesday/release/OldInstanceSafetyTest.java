package dev.tuesday.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.HealthSettings;
import dev.tuesday.release.instance.ProcessIdentity;
import dev.tuesday.release.instance.RecordedInstance;
import dev.tuesday.release.plan.ReleasePlan;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release stops an old instance only through the process a release recorded for it (PID and
 * start time), and only on loopback — never whatever listens on its port: what it may not stop, it
 * refuses before changing anything.
 */
class OldInstanceSafetyTest {
    private static final String TOKEN = "safety-test-token";

    @TempDir
    Path dir;

    private Balancer balancer;
    private Process bystander;
    private int bystanderPort;

    @BeforeEach
    void start() throws Exception {
        balancer = Balancer.configure().listen("127.0.0.1", 0).admin("127.0.0.1", 0, TOKEN)
                .health(new HealthSettings("/readyz", Duration.ofMillis(100), Duration.ofSeconds(1), 1, 2)).start();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            bystanderPort = probe.getLocalPort();
        }
        // Some other program of this user, listening on the port an old backend names.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        bystander = new ProcessBuilder(java, "-Xmx32m", "-m", "jdk.httpserver", "-b", "127.0.0.1", "-p", Integer.toString(bystanderPort),
                "-d", dir.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(dir.resolve("bystander.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!listening(bystanderPort) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }

    @AfterEach
    void stop() {
        bystander.destroyForcibly();
        balancer.close();
    }

    private static boolean listening(int port) {
        try (var socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private Release.Builder release() {
        ReleasePlan plan = ReleasePlan.read(Plans.write(dir, """
                from: { version: v1, command: [fake], instances: 1 }
                to: { version: v2, command: [fake], instances: 1, schema: public_02 }
                balancer: { admin: "http://127.0.0.1:%d", token: %s }
                """.formatted(balancer.adminPort().orElseThrow(), TOKEN)));
        return Release.configure().plan(plan).stateDir(dir.resolve(".tuesday"));
    }

    @Test
    void anOldBackendNoReleaseStartedIsRefusedAndTheProcessOnItsPortLeftAlone() {
        balancer.addBackend("v1-1", URI.create("http://127.0.0.1:" + bystanderPort), "v1", 100);

        assertThatThrownBy(() -> release().build()).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("old instance v1-1").hasMessageContaining("was not started by a release");
        assertThat(bystander.isAlive()).isTrue();
        assertThat(balancer.backends()).singleElement().satisfies(b -> assertThat(b.spec().weight()).isEqualTo(100));
    }

    @Test
    void aRecordedProcessThatEndedIsNotConfusedWithTheOneOnItsPortNow() throws Exception {
        Process ended = new ProcessBuilder("sleep", "30").start();
        ProcessIdentity recorded = ProcessIdentity.of(ended.toHandle()).orElseThrow();
        ended.destroyForcibly().waitFor();
        URI uri = URI.create("http://127.0.0.1:" + bystanderPort);
        new StateFile(dir.resolve(".tuesday")).write(new ReleaseState("earlier", "", "rolling", Phase.DONE, "v0", "v1", 1, 1,
                List.of(new ReleaseState.InstanceState("v1-1", "v1", uri.toString(), true, 100, recorded.pid(),
                        recorded.startedAt().toString(), recorded.startTicks(), true)), "released", 1, "2026-01-01T00:00:00Z", "", 0));
        balancer.addBackend("v1-1", uri, "v1", 100);

        assertThatThrownBy(() -> release().build()).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("old instance v1-1").hasMessageContaining("no longer runs");
        assertThat(bystander.isAlive()).isTrue();
    }

    @Test
    void anOldBackendOffLoopbackIsRefused() {
        balancer.addBackend("v1-1", URI.create("http://192.0.2.10:8080"), "v1", 100);

        assertThatThrownBy(() -> release().build()).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("old instance v1-1 at http://192.0.2.10:8080 is not on this machine's loopback");
    }

    @Test
    void aRecordedInstanceOffLoopbackIsNeverSignalled() {
        ProcessIdentity self = ProcessIdentity.current();
        RecordedInstance remote = new RecordedInstance("v1-1", "v1", URI.create("http://192.0.2.10:8080"), self, "/readyz");

        assertThatThrownBy(() -> remote.stop(Duration.ofSeconds(1))).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("not this machine's loopback");
        assertThat(self.alive()).isTrue();
    }
}
