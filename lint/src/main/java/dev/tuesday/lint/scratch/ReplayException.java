package dev.tuesday.lint.scratch;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The scratch database rejected a statement: its SQLSTATE, message and position. */
public final class ReplayException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final int position;

    ReplayException(SQLException cause) {
        super(firstLine(cause.getMessage()), cause);
        this.sqlState = cause.getSQLState() == null ? "" : cause.getSQLState();
        int pos = 0;
        if (cause instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            pos = m.getPosition();
        }
        this.position = pos;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.startsWith("ERROR: ") ? message.substring(7) : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Whether the server could not parse the statement (SQLSTATE 42601). */
    public boolean isSyntaxError() {
        return sqlState.equals("42601");
    }

    /** The 1-based character position of the error in the statement, or 0 when unknown. */
    public int position() {
        return position;
    }

    /** The SQLSTATE. */
    public String sqlState() {
        return sqlState;
    }
}
