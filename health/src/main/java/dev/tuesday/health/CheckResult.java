package dev.tuesday.health;

import java.util.Objects;

/**
 * What one run of a {@link HealthCheck} found: it passed or it failed, with a short text that is
 * shown only in verbose probe answers. Texts must never carry secrets.
 */
public sealed interface CheckResult permits CheckResult.Pass, CheckResult.Fail {

    /** A passing result without details. */
    static CheckResult pass() {
        return new Pass("");
    }

    /** A passing result with a short detail (for example the version schema found). */
    static CheckResult pass(String detail) {
        return new Pass(detail);
    }

    /** A failing result with the reason, one line. */
    static CheckResult fail(String reason) {
        return new Fail(reason);
    }

    /** Whether this result passes. */
    default boolean passed() {
        return this instanceof Pass;
    }

    /** The detail or the reason. */
    String text();

    /** The check passed. */
    record Pass(String text) implements CheckResult {
        /** @param text a short detail, may be empty */
        public Pass {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The check failed. */
    record Fail(String text) implements CheckResult {
        /** @param text the reason, one line */
        public Fail {
            Objects.requireNonNull(text, "text");
        }
    }
}
