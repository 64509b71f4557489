package dev.tuesday.drill;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them on a command line: {@code 30s}, {@code 2m}, {@code 1m30s},
 * {@code 500ms}, {@code 1h}, a bare number of seconds ({@code 45}), or ISO-8601 ({@code PT30S}).
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    private DurationText() {
    }

    /**
     * Reads a duration.
     *
     * @param setting the setting's name, for the error message
     * @param text    the text to read
     * @throws InvalidDrillSetting naming {@code setting} when the text is not a duration
     */
    public static Duration parse(String setting, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw notADuration(setting, text);
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw notADuration(setting, text);
        }
        return total;
    }

    /** The shortest of {@code 1h2m3s}, {@code 500ms} and the like that says {@code d}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (d.toHours() > 0) {
            b.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            b.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            b.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            b.append(d.toMillisPart()).append("ms");
        }
        return b.isEmpty() ? d.toNanos() + "ns" : b.toString();
    }

    private static InvalidDrillSetting notADuration(String setting, String text) {
        return new InvalidDrillSetting(setting, "'" + text + "' is not a duration (examples: 30s, 2m, 1m30s, 500ms)");
    }
}
