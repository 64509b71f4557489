package dev.tuesday.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings are checked once, and a wrong one is named in a one-line message. */
class DrillSettingsTest {

    @Test
    void refusesARateOutsideItsBounds() {
        assertThatThrownBy(() -> Drill.configure().target("http://127.0.0.1:1").rate(0).build())
                .isInstanceOf(InvalidDrillSetting.class)
                .hasMessage("rate: must be between 1 and 50000 requests per second, not 0");
    }

    @Test
    void refusesAMissingTargetAndOneThatIsNotHttp() {
        assertThatThrownBy(() -> Drill.configure().build()).hasMessageStartingWith("target: is missing");
        assertThatThrownBy(() -> Drill.configure().target("ftp://127.0.0.1/").build())
                .hasMessage("target: must be an http or https URL, not 'ftp://127.0.0.1/'");
    }

    @Test
    void refusesAnotherHostThanLoopbackUnlessAllowed() {
        assertThatThrownBy(() -> Drill.configure().target("http://192.0.2.1:8080").build())
                .hasMessageContaining("'192.0.2.1' is not a loopback address");
        assertThat(Drill.configure().target("http://192.0.2.1:8080").allowNonLoopback(true).build().target().getHost())
                .isEqualTo("192.0.2.1");
    }

    @Test
    void refusesMoreRequestsThanOneDrillSends() {
        assertThatThrownBy(() -> Drill.configure().target("http://127.0.0.1:1").rate(50_000)
                .duration(Duration.ofHours(1)).build())
                .hasMessageContaining("a drill sends at most 100000000");
    }

    @Test
    void plansRateTimesDurationRequests() {
        Drill drill = Drill.configure().target("http://localhost:8080").rate(250).duration(Duration.ofSeconds(8)).build();
        assertThat(drill.plannedRequests()).isEqualTo(2000);
    }

    @Test
    void readsDurationsInTuesdaysOneGrammarNamingTheOption() {
        assertThat(DrillOptions.parse("http://localhost:8080", null, "1m30s", null, null, null, "500ms", false).duration())
                .isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> DrillOptions.parse("http://localhost:8080", null, "45", null, null, null, null, false))
                .hasMessageStartingWith("--duration: '45' has no unit: write 45s or 45ms");
        assertThatThrownBy(() -> DrillOptions.parse("http://localhost:8080", null, "30s", null, null, null, "soon", false))
                .hasMessageStartingWith("--timeout: 'soon' is not a duration");
    }

    @Test
    void commandLineOptionsNameTheOptionThatIsWrong() {
        assertThatThrownBy(() -> DrillOptions.parse(null, 10, "5s", "get", null, null, null, false))
                .hasMessageStartingWith("--target: is required");
        assertThatThrownBy(() -> DrillOptions.parse("http://127.0.0.1:8080", -3, "5s", "get", null, null, null, false))
                .hasMessage("--rate: must be between 1 and 50000 requests per second, not -3");
        assertThatThrownBy(() -> DrillOptions.parse("http://127.0.0.1:8080", 10, "5s", "post", null, null, null, false))
                .hasMessage("--workload: must be get or users, not 'post'");
        assertThatThrownBy(() -> DrillOptions.parse("http://example.org", 10, "5s", "get", null, null, null, false))
                .hasMessageStartingWith("--target: 'example.org' is not a loopback address").hasMessageEndingWith("(--allow-remote)");
        DrillOptions ok = DrillOptions.parse("http://127.0.0.1:8080", null, null, "users", Path.of("r.html"), null, null, false);
        assertThat(ok.rate()).isEqualTo(100);
        assertThat(ok.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ok.workload()).isEqualTo(UsersWorkload.defaults());
        assertThat(ok.report()).contains(Path.of("r.html"));
    }

    @Test
    void theCommandRunsADrillAndExitsNonZeroWhenRequestsFailed() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DrillOptions options = DrillOptions.parse("http://127.0.0.1:" + port, 20, "1s", "get", null, null, null, false);

        int exit = DrillCommand.run(options, new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).isEqualTo(DrillCommand.FAILURES);
        assertThat(out.toString()).containsPattern("(?m)^failed +20$").containsPattern("(?m)^  refused +20$");
        assertThat(err.toString()).isEmpty();
    }
}
