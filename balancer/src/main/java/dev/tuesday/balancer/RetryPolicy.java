package dev.tuesday.balancer;

import java.util.Set;

/**
 * When a failed attempt may go to another backend. The rules, in order:
 * <ol>
 *   <li>a request that was never sent (connection refused, no connection) goes to another backend:
 *       the backend cannot have acted on it;</li>
 *   <li>an idempotent request (RFC 9110: GET, HEAD, OPTIONS, TRACE, PUT, DELETE) that was sent and
 *       then failed at the connection (reset, closed before the response) goes to another backend
 *       once;</li>
 *   <li>anything else is not replayed: a non-idempotent request that was sent may have been
 *       applied, and replaying it could apply it twice. A timeout is not replayed either: its
 *       time budget is spent.</li>
 * </ol>
 */
final class RetryPolicy {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    /** How an attempt failed before any response arrived. */
    enum Failure {
        /** Refused, reset or closed by the backend. */
        CONNECTION,
        /** No complete answer within the response timeout. */
        TIMEOUT,
        /** Anything else, such as a malformed response. */
        OTHER
    }

    /** What to do after a failed attempt. */
    enum Decision {
        /** Send it to another backend; the request was never sent. */
        RETRY_UNSENT,
        /** Send it to another backend; this uses the single retry of an idempotent request. */
        RETRY_IDEMPOTENT,
        /** Answer the client with an error. */
        GIVE_UP
    }

    private RetryPolicy() {
    }

    static boolean isIdempotent(String method) {
        return IDEMPOTENT.contains(method);
    }

    static Decision decide(String method, boolean sent, Failure failure, boolean idempotentRetryUsed) {
        if (failure != Failure.CONNECTION) {
            return Decision.GIVE_UP;
        }
        if (!sent) {
            return Decision.RETRY_UNSENT;
        }
        if (isIdempotent(method) && !idempotentRetryUsed) {
            return Decision.RETRY_IDEMPOTENT;
        }
        return Decision.GIVE_UP;
    }
}
