package dev.tuesday.spring;

import dev.tuesday.health.CheckResult;
import dev.tuesday.health.HealthCheck;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * Spring's availability states as Tuesday checks, so that code publishing
 * {@code LivenessState.BROKEN} or {@code ReadinessState.REFUSING_TRAFFIC} is heard on
 * {@code /livez} and {@code /readyz} as well as on Actuator's groups.
 */
final class AvailabilityChecks {

    private AvailabilityChecks() {
    }

    /** Passes while Spring's readiness state is {@code ACCEPTING_TRAFFIC}. */
    static HealthCheck readiness(ApplicationAvailability availability) {
        return () -> {
            ReadinessState state = availability.getReadinessState();
            return state == ReadinessState.ACCEPTING_TRAFFIC ? CheckResult.pass(state.name()) : CheckResult.fail(state.name());
        };
    }

    /** Passes while Spring's liveness state is {@code CORRECT}; never touches the database. */
    static HealthCheck liveness(ApplicationAvailability availability) {
        return () -> {
            LivenessState state = availability.getLivenessState();
            return state == LivenessState.CORRECT ? CheckResult.pass(state.name()) : CheckResult.fail(state.name());
        };
    }
}
