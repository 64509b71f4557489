package dev.tuesday.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeAnswerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();


    @Test
    void detailsAreGivenOnlyWhenTheQueryAsksForThem() {
        assertThat(ProbeAnswer.verbose(null)).isFalse();
        assertThat(ProbeAnswer.verbose("")).isFalse();
        assertThat(ProbeAnswer.verbose("verbose")).isTrue();
        assertThat(ProbeAnswer.verbose("a=1&verbose=true")).isTrue();
        assertThat(ProbeAnswer.verbose("verbose=1")).isTrue();
        assertThat(ProbeAnswer.verbose("verbose=false")).isFalse();
        assertThat(ProbeAnswer.verbose("notverbose")).isFalse();
    }

    @Test
    void onlyTheThreeProbePathsAreAnswered() {
        Health health = Health.configure().build();
        assertThat(ProbeAnswer.answer(health, "/livez", null, LOOPBACK, false)).get().extracting(ProbeAnswer::status).isEqualTo(200);
        assertThat(ProbeAnswer.answer(health, "/readyz", null, LOOPBACK, false)).get().extracting(ProbeAnswer::status).isEqualTo(503);
        assertThat(ProbeAnswer.answer(health, "/startupz", null, LOOPBACK, false)).get().extracting(ProbeAnswer::status).isEqualTo(503);
        assertThat(ProbeAnswer.answer(health, "/users", null, LOOPBACK, false)).isEmpty();
        assertThat(ProbeAnswer.answer(health, "/readyz/", null, LOOPBACK, false)).isEmpty();
    }

    @Test
    void verboseJsonEscapesTextAndShowsStateReasonAndDurations() {
        HealthReport report = new HealthReport(Probe.READINESS, HealthState.NOT_READY, false, "",
                List.of(new CheckOutcome("db \"main\"", CheckResult.fail("line\tone\u0001"), Duration.ofMillis(12))));
        String json = report.toJson(true);
        assertThat(json).isEqualTo("{\"status\":\"fail\",\"state\":\"NOT_READY\",\"checks\":{\"db \\\"main\\\"\":"
                + "{\"status\":\"fail\",\"output\":\"line\\tone\\u0001\",\"durationMs\":12.0}}}");
        String draining = new HealthReport(Probe.READINESS, HealthState.DRAINING, false, "draining", List.of()).toJson(true);
        assertThat(draining).isEqualTo("{\"status\":\"fail\",\"state\":\"DRAINING\",\"output\":\"draining\",\"checks\":{}}");
        assertThat(new String(ProbeAnswer.answer(Health.configure().build(), "/livez", "verbose", LOOPBACK, false).orElseThrow().body(),
                StandardCharsets.UTF_8)).startsWith("{\"status\":\"pass\",\"state\":\"STARTING\"");
    }

    @Test
    void failuresAreOneLineWithCredentialsMasked() {
        String text = Redaction.describe(new java.sql.SQLException(
                "FATAL: no pg_hba.conf entry for jdbc:postgresql://app:hunter2@db:5432/app?user=app&password=hunter2\nDetail: more"));
        assertThat(text).startsWith("SQLException: FATAL").contains("//***@db").contains("password=***")
                .doesNotContain("hunter2").doesNotContain("Detail");
        assertThat(Redaction.mask("x".repeat(500))).hasSize(201);
    }

    @Test
    void givesDetailsOnlyToALocalCallerThatNoProxyForwardedUnlessSetForAnyone() throws Exception {
        Health health = Health.configure().readiness("database", () -> CheckResult.fail("db.internal:5432 refused")).build();
        health.markReady();
        InetAddress remote = InetAddress.getByName("192.0.2.7");
        assertThat(body(health, LOOPBACK, false)).contains("db.internal:5432 refused");
        assertThat(body(health, LOOPBACK, true)).isEqualTo("{\"status\":\"fail\"}"); // through a balancer
        assertThat(body(health, remote, false)).isEqualTo("{\"status\":\"fail\"}");
        assertThat(body(health, null, false)).isEqualTo("{\"status\":\"fail\"}");

        Health open = Health.configure().detailsForAnyone(true).readiness("database", () -> CheckResult.fail("refused")).build();
        open.markReady();
        assertThat(body(open, remote, true)).contains("\"database\":{\"status\":\"fail\",\"output\":\"refused\"");
    }

    private static String body(Health health, InetAddress peer, boolean forwarded) {
        return new String(ProbeAnswer.answer(health, "/readyz", "verbose", peer, forwarded).orElseThrow().body(), StandardCharsets.UTF_8);
    }
}
