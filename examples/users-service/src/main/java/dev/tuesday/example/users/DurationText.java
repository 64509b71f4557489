package dev.tuesday.example.users;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in settings: {@code 1s}, {@code 250ms}, {@code 2m}, or ISO {@code PT1S}. */
final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m)");

    private DurationText() {
    }

    /**
     * Parses {@code text}.
     *
     * @param what the setting's name, for the error message
     * @throws IllegalArgumentException naming {@code what} when the text is not a duration
     */
    static Duration parse(String what, String text) {
        String t = text.strip();
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
        try {
            Duration d = Duration.parse(t);
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below, which names the setting
        }
        throw new IllegalArgumentException(what + " must be a duration like 1s, 250ms or PT1S, got '" + text + "'");
    }
}
