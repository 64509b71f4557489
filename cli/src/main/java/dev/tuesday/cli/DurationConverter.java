package dev.tuesday.cli;

import dev.tuesday.common.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as Tuesday's files do ({@link Durations}): {@code 2s}, {@code 500ms}, {@code 1m30s}, {@code 0}, {@code PT2S}. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
