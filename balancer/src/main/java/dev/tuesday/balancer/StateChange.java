package dev.tuesday.balancer;

import java.time.Instant;

/**
 * One backend moved from one state to another.
 *
 * @param backendId the backend
 * @param version   its version
 * @param from      previous state, {@code null} when the backend was just added
 * @param to        new state, {@code null} when the backend was removed
 * @param reason    why, for humans: "rise 2/2", "connection refused", "drain requested"…
 * @param at        when, from the balancer's clock
 */
public record StateChange(String backendId, String version, BackendState from, BackendState to, String reason, Instant at) {
}
