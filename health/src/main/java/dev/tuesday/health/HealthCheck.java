package dev.tuesday.health;

/**
 * One check behind a probe. It runs on Tuesday's check executor with a timeout: a check that
 * throws fails with the exception's type and message, a check that overruns its timeout fails
 * with "timed out", and neither ever holds a probe longer than the timeout.
 *
 * <p>Checks should be quick and side-effect free; they are called on every uncached probe.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Runs the check once.
     *
     * @return whether it passed, with a short text for verbose answers (never a secret)
     * @throws Exception any failure; it is reported as a failed check, never as a broken probe
     */
    CheckResult check() throws Exception;
}
