package dev.tuesday.lint;

import java.util.Locale;

/** How bad a finding is, from least to worst. */
public enum Severity {
    /** A better habit; nothing breaks or waits. */
    ADVICE,
    /** Takes a lock that blocks traffic for long, or rewrites a table. */
    LOCKING,
    /** Breaks the version of the application that is still running, or fails the migration. */
    BREAKING;

    /** The name used in files and options: {@code advice}, {@code locking}, {@code breaking}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a label.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected advice, locking or breaking)");
    }
}
