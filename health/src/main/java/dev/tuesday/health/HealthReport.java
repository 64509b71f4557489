package dev.tuesday.health;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one probe: pass or fail, the lifecycle state, and each check's outcome.
 *
 * @param probe the probe answered
 * @param state the lifecycle state when it was answered
 * @param passed whether the probe passes (HTTP 200) or fails (HTTP 503)
 * @param reason why it failed when no check did (for example {@code draining}); empty otherwise
 * @param checks the outcome of each check that ran, in registration order
 */
public record HealthReport(Probe probe, HealthState state, boolean passed, String reason, List<CheckOutcome> checks) {

    /** Validates the fields and copies the list. */
    public HealthReport {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        checks = List.copyOf(checks);
    }

    /** The HTTP status for this answer: 200 when it passes, 503 when it fails. */
    public int httpStatus() {
        return passed ? 200 : 503;
    }

    /**
     * The body in the {@code application/health+json} format: {@code {"status":"pass"}} or
     * {@code "fail"}; with {@code verbose}, also the state, the reason and every check's status,
     * text and duration in milliseconds.
     */
    public String toJson(boolean verbose) {
        StringBuilder json = new StringBuilder(64).append("{\"status\":\"").append(passed ? "pass" : "fail").append('"');
        if (verbose) {
            json.append(",\"state\":\"").append(state.name()).append('"');
            if (!reason.isEmpty()) {
                json.append(",\"output\":");
                Json.string(json, reason);
            }
            json.append(",\"checks\":{");
            for (int i = 0; i < checks.size(); i++) {
                CheckOutcome c = checks.get(i);
                if (i > 0) {
                    json.append(',');
                }
                Json.string(json, c.name());
                json.append(":{\"status\":\"").append(c.passed() ? "pass" : "fail").append('"');
                if (!c.result().text().isEmpty()) {
                    json.append(",\"output\":");
                    Json.string(json, c.result().text());
                }
                json.append(",\"durationMs\":").append(c.took().toNanos() / 1_000_000.0).append('}');
            }
            json.append('}');
        }
        return json.append('}').toString();
    }
}
