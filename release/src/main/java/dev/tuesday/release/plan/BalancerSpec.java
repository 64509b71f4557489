package dev.tuesday.release.plan;

import java.net.URI;
import java.util.Objects;

/**
 * A balancer running in another process ({@code tuesday balancer}) that the release drives
 * through its admin API. Its backends of the plan's {@code from.version} are the old instances.
 *
 * @param admin the admin API's address, {@code http://127.0.0.1:<port>}
 * @param token the bearer token; in the plan file either {@code token} or {@code tokenEnv}
 *              (the name of an environment variable holding it)
 */
public record BalancerSpec(URI admin, String token) {
    /** Checks the fields. */
    public BalancerSpec {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(token, "token");
        if (!"http".equals(admin.getScheme()) || admin.getHost() == null || admin.getPort() <= 0) {
            throw new IllegalArgumentException("admin '" + admin + "' must look like http://127.0.0.1:8081");
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
    }

    /** The token is never printed. */
    @Override
    public String toString() {
        return "BalancerSpec[admin=" + admin + "]";
    }
}
