package dev.tuesday.health;

import java.util.Optional;

/** The three questions an orchestrator or a balancer asks an instance, and their HTTP paths. */
public enum Probe {
    /** Can the process make progress? Failing means "restart me". Never touches the database. */
    LIVENESS("/livez"),
    /** Should this instance get traffic now? */
    READINESS("/readyz"),
    /** Has warm-up finished? */
    STARTUP("/startupz");

    private final String path;

    Probe(String path) {
        this.path = path;
    }

    /** The HTTP path this probe is served on, for example {@code /readyz}. */
    public String path() {
        return path;
    }

    /** The probe served on {@code path}, if any. */
    public static Optional<Probe> forPath(String path) {
        for (Probe p : values()) {
            if (p.path.equals(path)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
