package dev.tuesday.drill;

/**
 * Why a request of a drill counted as failed. Every failed request has exactly one kind.
 */
public enum FailureKind {
    /** The connection was refused: nothing listened on the port. */
    REFUSED("refused"),
    /** The connection was reset or closed before a complete answer arrived. */
    RESET("reset"),
    /**
     * No complete answer within the request timeout, counted from when the request was due: an
     * answer that came only after the request waited for a free slot, or came at all past the
     * timeout, is a timeout too, whatever it said.
     */
    TIMEOUT("timeout"),
    /** The service answered with a 5xx status. */
    SERVER_ERROR("5xx"),
    /** The service answered with an unexpected 4xx status. */
    CLIENT_ERROR("4xx"),
    /**
     * The service answered, but the data is wrong: a written row that reads back missing or
     * different, or an answer that does not hold what it must.
     */
    WRONG_DATA("wrong_data"),
    /** Any other transport failure (protocol error, TLS, unexpected exception). */
    OTHER("other"),
    /**
     * Still without an outcome when the drill ended (past the request timeout and a grace
     * period): never known to have succeeded, so it counts against the verdict.
     */
    UNFINISHED("unfinished");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    /** The short name used in reports, JSON and the terminal, for example {@code 5xx}. */
    public String label() {
        return label;
    }
}
