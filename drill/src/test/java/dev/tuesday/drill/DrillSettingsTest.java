package dev.tuesday.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
