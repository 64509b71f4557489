package dev.tuesday.health;

import java.util.regex.Pattern;

/**
 * Turns an exception into a one-line text that is safe to show on a probe: its type and first
 * message line, with passwords and credentials in URLs masked, and no stack trace.
 */
final class Redaction {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password|passwd|pwd|secret|token)=[^&;\\s]*");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("//[^/@\\s]+@");
    private static final int MAX_LENGTH = 200;

    private Redaction() {
    }

    /** A safe one-line description of {@code failure}. */
    static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return mask(text);
    }

    /** {@code text} cut to one line of at most 200 characters, credentials masked. */
    static String mask(String text) {
        String line = text.lines().findFirst().orElse("");
        line = PASSWORD_PARAM.matcher(line).replaceAll("$1=***");
        line = URL_CREDENTIALS.matcher(line).replaceAll("//***@");
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "…" : line;
    }
}
