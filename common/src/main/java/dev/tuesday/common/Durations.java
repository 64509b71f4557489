package dev.tuesday.common;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Tuesday reads them everywhere — configuration files, release plans, every
 * command-line option, the example service's settings: {@code 250ms}, {@code 2s}, {@code 1m30s},
 * {@code 1h}, {@code 0}, or ISO-8601 {@code PT2S}; and back, short. A number without a unit other
 * than 0 is refused: {@code 45} could mean seconds or milliseconds, and a setting read the wrong
 * way is a thousand times off.
 *
 * <p>A duration is between 0 and {@link #LONGEST}: no setting needs more, and a huge number must
 * be refused with its text rather than overflow somewhere later.
 */
public final class Durations {
    /** The longest duration read, 365 days. */
    public static final Duration LONGEST = Duration.ofDays(365);

    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    /** More digits than this are beyond {@link #LONGEST} in any unit, and could overflow a long. */
    private static final int MAX_DIGITS = 12;

    private Durations() {
    }

    /**
     * Reads {@code text}.
     *
     * @throws IllegalArgumentException {@code 'text' is not a duration (examples: …)}, or the
     *     duration is negative or longer than {@link #LONGEST}
     */
    public static Duration parse(String text) {
        Duration duration = read(text);
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative; a duration is 0 or more");
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw tooLong(text);
        }
        return duration;
    }

    private static Duration read(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        if (trimmed.matches("\\d+")) {
            throw new IllegalArgumentException("'" + trimmed + "' has no unit: write " + trimmed + "s or "
                    + trimmed + "ms (examples: 500ms, 2s, 1m30s, PT2S)");
        }
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            if (part.group(1).length() > MAX_DIGITS) {
                throw tooLong(text);
            }
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
            end = part.end();
            if (total.compareTo(LONGEST) > 0) {
                throw tooLong(text); // before the next part is added, so the sum cannot overflow
            }
        }
        if (end > 0 && end == trimmed.length()) {
            return total;
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            if (e.getCause() instanceof ArithmeticException) {
                throw tooLong(text);
            }
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 2s, 1m30s, PT2S)");
        }
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("'" + text.strip() + "' is longer than the longest duration, 365 days");
    }

    /** {@code duration} written short, largest unit first: {@code 250ms}, {@code 30s}, {@code 1m30s}, {@code 2h}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (duration.toHours() > 0) {
            b.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            b.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            b.append(duration.toSecondsPart()).append('s');
        }
        if (duration.toMillisPart() > 0) {
            b.append(duration.toMillisPart()).append("ms");
        }
        return b.isEmpty() ? duration.toNanos() + "ns" : b.toString();
    }
}
