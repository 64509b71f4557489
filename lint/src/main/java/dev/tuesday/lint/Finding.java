package dev.tuesday.lint;

import java.util.Objects;

/**
 * One problem found in a migration.
 *
 * @param rule the rule's id, e.g. {@code renaming-column}
 * @param severity how bad it is
 * @param file the file, as given on the command line
 * @param line the 1-based line of the statement (or of the token the rule points at)
 * @param message what is wrong, in plain words
 * @param fix the safe way to do it, naming the Tuesday operation where there is one
 * @param measurement what the scratch database showed for the statement, or {@code null} when
 *     lint ran on rules alone
 */
public record Finding(String rule, Severity severity, String file, int line, String message, String fix,
        Measurement measurement) {

    /** Checks the required fields. */
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
    }

    /** {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }
}
