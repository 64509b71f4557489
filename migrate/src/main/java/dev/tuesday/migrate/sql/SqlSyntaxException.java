package dev.tuesday.migrate.sql;

/** SQL that cannot be read: an unterminated string, comment or dollar quote, and the like. */
public final class SqlSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    /** A syntax problem found on {@code line} (1-based). */
    public SqlSyntaxException(int line, String message) {
        super(message);
        this.line = line;
    }

    /** The 1-based line where the problem starts. */
    public int line() {
        return line;
    }
}
