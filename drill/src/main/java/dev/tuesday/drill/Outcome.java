package dev.tuesday.drill;

/**
 * What became of one request: a success, or a failure with its kind.
 *
 * @param failure  the failure's kind, or {@code null} for a success
 * @param answered true when an HTTP answer arrived (even a failing one)
 * @param request  the request in short, for example {@code PUT /users/12}
 * @param detail   why it failed, for the report's samples; empty for a success
 */
record Outcome(FailureKind failure, boolean answered, String request, String detail) {

    static Outcome ok(String request) {
        return new Outcome(null, true, request, "");
    }

    static Outcome failed(FailureKind kind, boolean answered, String request, String detail) {
        return new Outcome(kind, answered, request, detail);
    }

    boolean isFailure() {
        return failure != null;
    }
}
