package dev.tuesday.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsTheShortFormsCompositesZeroAndIso() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse(" 2s ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("0")).isZero();
        assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsTextThatIsNotADurationSayingWhatWouldBe() {
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessage("'soon' is not a duration (examples: 500ms, 2s, 1m30s, PT2S)");
        assertThatThrownBy(() -> Durations.parse("2s later")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("45")).hasMessageStartingWith("'45' has no unit: write 45s or 45ms");
    }

    @Test
    void writesDurationsShort() {
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofHours(1).plusMillis(5))).isEqualTo("1h5ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void refusesDurationsBeyondAYearOrNegativeInsteadOfOverflowing() {
        assertThat(Durations.parse("8760h")).isEqualTo(Durations.LONGEST);
        assertThatThrownBy(() -> Durations.parse("2562047788015216h"))
                .hasMessage("'2562047788015216h' is longer than the longest duration, 365 days");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999999ms")).hasMessageContaining("is longer than");
        assertThatThrownBy(() -> Durations.parse("8760h1ms")).hasMessageContaining("is longer than");
        assertThatThrownBy(() -> Durations.parse("PT9999999999999999H")).hasMessageContaining("is longer than");
        assertThatThrownBy(() -> Durations.parse("PT-2S")).hasMessage("'PT-2S' is negative; a duration is 0 or more");
    }
}
