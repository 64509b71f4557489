package dev.tuesday.lint.convert;

/**
 * Thrown while a statement is read when it has no safe operation; the converter reports the
 * statement with {@link #getMessage() the reason} and leaves out whatever it had made of it.
 */
final class NotConvertible extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotConvertible(String reason) {
        super(reason, null, false, false);
    }
}
