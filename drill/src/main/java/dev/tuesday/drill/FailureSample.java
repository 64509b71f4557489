package dev.tuesday.drill;

import java.time.Duration;
import java.util.Objects;

/**
 * One failed request kept as an example, so a report says not only how many failed but why.
 *
 * @param offset  when the request was scheduled, since the start of the drill
 * @param kind    its failure kind
 * @param request the request in short, for example {@code GET /users/12}
 * @param detail  what went wrong, for example {@code row 12 reads back {…}, acknowledged {…}}
 */
public record FailureSample(Duration offset, FailureKind kind, String request, String detail) {

    /** Checks the fields. */
    public FailureSample {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(detail, "detail");
    }
}
