package dev.tuesday.lint.rules;

import dev.tuesday.lint.Severity;
import dev.tuesday.lint.sql.Statement;

/**
 * One lint rule: an id, its severity, a one-line summary, and the check that looks at each
 * statement of a file in order.
 *
 * @param id stable id, used in output, configuration and {@code -- tuesday:ignore}
 * @param severity how bad a finding is, unless the configuration says otherwise
 * @param summary what the rule catches, for the documentation
 * @param enabledByDefault whether the rule runs without being switched on in the configuration
 * @param check the check
 */
public record Rule(String id, Severity severity, String summary, boolean enabledByDefault, Check check) {

    /** Looks at one statement; reports through the context. */
    @FunctionalInterface
    public interface Check {
        /** Checks {@code s}, the next statement of the file that {@code ctx} describes. */
        void check(Statement s, FileContext ctx);
    }

    static Rule of(String id, Severity severity, String summary, Check check) {
        return new Rule(id, severity, summary, true, check);
    }

    static Rule optIn(String id, Severity severity, String summary, Check check) {
        return new Rule(id, severity, summary, false, check);
    }
}
