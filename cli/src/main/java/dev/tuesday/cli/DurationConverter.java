package dev.tuesday.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them: {@code 2s}, {@code 500ms}, {@code 1m30s}, {@code 0}, or ISO {@code PT2S}. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    static Duration parse(String text) {
        String t = text.strip().toLowerCase();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.startsWith("pt")) {
            try {
                return Duration.parse(text.strip());
            } catch (RuntimeException e) {
                throw new TypeConversionException("not a duration: \"" + text + "\"");
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw new TypeConversionException("not a duration: \"" + text + "\" (write e.g. 2s, 500ms, 1m30s)");
        }
        return total;
    }
}
