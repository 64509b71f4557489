package dev.tuesday.balancer;

import java.net.URI;
import java.util.Objects;

/**
 * A backend as the operator describes it.
 *
 * @param id      unique name within one balancer, for example {@code users-v1-1}
 * @param uri     base address, {@code http://host:port}; the request path is appended to it
 * @param version the application version it runs, for metrics per version and for releases
 * @param weight  share of traffic relative to the other ready backends; 0 receives nothing
 */
public record BackendSpec(String id, URI uri, String version, int weight) {

    /** Largest accepted weight. */
    public static final int MAX_WEIGHT = 1_000_000;

    /** Checks every field once; a wrong field fails with a message naming it. */
    public BackendSpec {
        Objects.requireNonNull(id, "backend id");
        Objects.requireNonNull(uri, "backend uri");
        Objects.requireNonNull(version, "backend version");
        if (id.isBlank() || !id.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException("backend id '" + id + "' must be letters, digits, '.', '_', ':' or '-'");
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("backend " + id + ": url '" + uri + "' must look like http://host:port");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("backend " + id + ": url '" + uri + "' must not have a path");
        }
        if (version.isBlank()) {
            throw new IllegalArgumentException("backend " + id + ": version must not be blank");
        }
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("backend " + id + ": weight " + weight + " must be between 0 and " + MAX_WEIGHT);
        }
        uri = URI.create("http://" + uri.getHost() + ":" + uri.getPort());
    }

    /** Same backend with another weight. */
    public BackendSpec withWeight(int newWeight) {
        return new BackendSpec(id, uri, version, newWeight);
    }
}
