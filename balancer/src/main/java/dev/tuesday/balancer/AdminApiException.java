package dev.tuesday.balancer;

import java.util.OptionalInt;

/**
 * A call to a balancer's admin API through {@link AdminClient} failed: the balancer refused it
 * (a wrong token, a bad request), answered something that is not the admin API's JSON, or could
 * not be reached. An unknown or duplicate backend is a {@link NoSuchBackendException} or a
 * {@link DuplicateBackendException} instead, as with a {@link Balancer} in the same process.
 */
public final class AdminApiException extends RuntimeException {
    private final String call;
    private final int status;

    AdminApiException(String message, String call, int status, Throwable cause) {
        super(message, cause);
        this.call = call;
        this.status = status;
    }

    /** The call that failed, for example {@code GET /backends}. */
    public String call() {
        return call;
    }

    /** The HTTP status the balancer answered; empty when it did not answer. */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }
}
