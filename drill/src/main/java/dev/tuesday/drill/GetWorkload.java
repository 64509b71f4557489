package dev.tuesday.drill;

/**
 * {@code GET} the target URL at the drill's rate. A 2xx or 3xx answer is a success; anything
 * else fails with its {@link FailureKind}.
 */
public record GetWorkload() implements Workload {

    @Override
    public String name() {
        return "get";
    }
}
