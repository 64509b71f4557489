package dev.tuesday.lint;

import java.util.Locale;

/** How findings are printed. */
public enum Format {
    /** For people: {@code file:line severity rule: message}, then the fix and the measurement. */
    HUMAN,
    /** An array of findings: rule, severity, file, line, message, fix, locks, rewrite. */
    JSON,
    /** GitHub Actions workflow commands ({@code ::error file=…,line=…::…}): annotations on the pull request. */
    GITHUB,
    /** SARIF 2.1.0, for code-scanning tools. */
    SARIF;

    /**
     * Reads {@code human}, {@code json}, {@code github} or {@code sarif}.
     *
     * @throws LintException naming the accepted values otherwise
     */
    public static Format parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LintException("--format: '" + text + "' is not human, json, github or sarif");
        }
    }
}
