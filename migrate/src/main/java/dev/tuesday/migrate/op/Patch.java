package dev.tuesday.migrate.op;

/**
 * A field that can be set to a value or explicitly to null ({@code default: null} drops a default).
 * A field that is absent from the file is a null {@code Patch}, not a {@code Patch(null)}.
 */
public record Patch<T>(T value) {
}
