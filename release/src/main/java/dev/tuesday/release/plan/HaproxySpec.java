package dev.tuesday.release.plan;

import dev.tuesday.release.traffic.HaproxyTraffic;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A running HAProxy that carries the release's traffic instead of Tuesday's balancer, driven
 * through its runtime API ({@link HaproxyTraffic}). In the plan file:
 * {@code traffic: { haproxy: { socket: /run/haproxy/admin.sock, backend: app } }}.
 *
 * @param socket  the runtime API's Unix socket: a {@code stats socket … level admin} line of
 *                HAProxy's {@code global} section; relative to the plan file
 * @param backend the backend whose servers are the service's instances
 */
public record HaproxySpec(Path socket, String backend) {
    /** Checks the fields. */
    public HaproxySpec {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(backend, "backend");
        if (!HaproxySpec.isName(backend)) {
            throw new IllegalArgumentException("backend '" + backend + "' is not an HAProxy name (letters, digits, - _ . :)");
        }
    }

    /** Whether {@code name} can name an HAProxy backend or server. */
    public static boolean isName(String name) {
        return name.matches("[A-Za-z0-9_.:-]+");
    }
}
