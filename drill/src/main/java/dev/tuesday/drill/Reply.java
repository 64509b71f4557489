package dev.tuesday.drill;

/**
 * The answer to one HTTP request, or the transport failure that replaced it.
 *
 * @param status the HTTP status, or -1 when no answer arrived
 * @param body   the response body, empty when none
 * @param error  the transport failure's kind when no answer arrived, else {@code null}
 * @param detail the transport failure in a few words, else empty
 */
record Reply(int status, String body, FailureKind error, String detail) {

    static Reply answer(int status, String body) {
        return new Reply(status, body == null ? "" : body, null, "");
    }

    static Reply failure(FailureKind kind, String detail) {
        return new Reply(-1, "", kind, detail);
    }

    boolean answered() {
        return error == null;
    }

    /**
     * The failure this reply is when {@code expected} statuses are the only good ones: the
     * transport failure, a 5xx, an unexpected 4xx, or any other unexpected status as wrong data.
     * {@code null} when the status is expected.
     */
    Outcome unlessStatus(String request, int... expected) {
        if (!answered()) {
            return Outcome.failed(error, false, request, detail);
        }
        for (int ok : expected) {
            if (status == ok) {
                return null;
            }
        }
        FailureKind kind = status >= 500 ? FailureKind.SERVER_ERROR
                : status >= 400 ? FailureKind.CLIENT_ERROR : FailureKind.WRONG_DATA;
        return Outcome.failed(kind, true, request, "status " + status);
    }
}
