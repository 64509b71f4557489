package dev.tuesday.spring;

import dev.tuesday.health.CheckOutcome;
import dev.tuesday.health.Health;
import dev.tuesday.health.HealthReport;
import dev.tuesday.health.Probe;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * One of Tuesday's probes as an Actuator health contributor: {@code tuesdayReadiness} in the
 * {@code readiness} group, {@code tuesdayLiveness} in the {@code liveness} group. The answer is
 * Tuesday's own, with its cache and check timeouts, so {@code /actuator/health/readiness} and
 * {@code /readyz} never disagree for longer than one cache period.
 */
final class ProbeHealthIndicator implements HealthIndicator {

    private final Health health;
    private final Probe probe;

    ProbeHealthIndicator(Health health, Probe probe) {
        this.health = health;
        this.probe = probe;
    }

    @Override
    public org.springframework.boot.health.contributor.Health health() {
        HealthReport report = health.check(probe);
        var builder = report.passed()
                ? org.springframework.boot.health.contributor.Health.up()
                : org.springframework.boot.health.contributor.Health.down();
        builder.withDetail("state", report.state().name());
        if (!report.reason().isEmpty()) {
            builder.withDetail("reason", report.reason());
        }
        for (CheckOutcome check : report.checks()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", check.passed() ? "pass" : "fail");
            if (!check.result().text().isEmpty()) {
                detail.put("output", check.result().text());
            }
            builder.withDetail(check.name(), detail);
        }
        return builder.build();
    }
}
