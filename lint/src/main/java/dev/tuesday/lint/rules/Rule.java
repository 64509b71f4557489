package dev.tuesday.lint.rules;

import dev.tuesday.lint.Severity;
import dev.tuesday.lint.sql.Statement;
import java.util.function.BiPredicate;

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

    /**
     * A rule that judges a statement as a whole: where {@code applies} holds, it reports
     * {@code problem} and {@code fix} at the statement's first line.
     */
    static Rule whenStatement(String id, Severity severity, String summary,
            BiPredicate<Statement, FileContext> applies, String problem, String fix) {
        return of(id, severity, summary, (s, ctx) -> {
            if (applies.test(s, ctx)) {
                ctx.report(id, s, s.line(), problem, fix);
            }
        });
    }

    static Rule optIn(String id, Severity severity, String summary, Check check) {
        return new Rule(id, severity, summary, false, check);
    }
}
