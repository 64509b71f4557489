package dev.tuesday.balancer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where the admin API listens and the token it requires.
 *
 * <p>The admin API changes the rotation, so it only ever listens on a loopback address, and every
 * call but {@code GET /metrics} needs {@code Authorization: Bearer <token>}.
 *
 * @param host  a loopback address, default {@code 127.0.0.1}
 * @param port  TCP port; 0 picks a free one
 * @param token the bearer token, at least 8 characters
 */
public record AdminSettings(String host, int port, String token) {

    /** Checks every field once; a wrong field fails with a message naming it. */
    public AdminSettings {
        Objects.requireNonNull(host, "admin.host");
        Objects.requireNonNull(token, "admin.token");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin.port " + port + " must be between 0 and 65535");
        }
        if (token.strip().length() < 8) {
            throw new IllegalArgumentException("admin.token must be at least 8 characters");
        }
        if (!isLoopback(host)) {
            throw new IllegalArgumentException("admin.host '" + host + "' must be a loopback address (127.0.0.1, ::1 or localhost)");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
