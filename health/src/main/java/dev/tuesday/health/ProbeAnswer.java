package dev.tuesday.health;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A probe's HTTP answer, the same for every binding: status 200 or 503, an
 * {@code application/health+json} body, and headers that forbid caching.
 *
 * @param status 200 when the probe passes, 503 when it fails
 * @param body the JSON body, in UTF-8
 */
public record ProbeAnswer(int status, byte[] body) {

    /** The media type of the body. */
    public static final String CONTENT_TYPE = "application/health+json";

    /** Headers every probe answer carries, besides {@code Content-Type}: no cache may keep it. */
    public static final Map<String, String> NO_CACHE_HEADERS = Map.of(
            "Cache-Control", "no-store, no-cache, must-revalidate, max-age=0",
            "Pragma", "no-cache",
            "Expires", "0");

    /**
     * Request headers that tell of a proxy in between: a request carrying one did not come from
     * this machine, whatever its peer address (a balancer on loopback forwards others' requests).
     */
    public static final Set<String> FORWARDING_HEADERS = Set.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

    /**
     * The answer to a request for {@code path}, or empty when the path is not a probe's.
     * Per-check details (which name the database, its errors, the schema) are given only when the
     * query asks for them ({@code ?verbose}, {@code ?verbose=true} or {@code ?verbose=1}), and only
     * to a caller on this machine: a loopback peer whose request carries none of the
     * {@link #FORWARDING_HEADERS}. {@link HealthBuilder#detailsForAnyone(boolean)} gives them to
     * any caller.
     *
     * @param rawQuery  the query string without {@code ?}, or null
     * @param peer      the address the request came from, or null when unknown
     * @param forwarded whether the request carries one of the {@link #FORWARDING_HEADERS}
     */
    public static Optional<ProbeAnswer> answer(Health health, String path, String rawQuery, InetAddress peer, boolean forwarded) {
        return Probe.forPath(path).map(probe -> {
            HealthReport report = health.check(probe);
            boolean details = verbose(rawQuery) && (health.detailsForAnyone() || isLocal(peer, forwarded));
            return new ProbeAnswer(report.httpStatus(), report.toJson(details).getBytes(StandardCharsets.UTF_8));
        });
    }

    static boolean isLocal(InetAddress peer, boolean forwarded) {
        return peer != null && peer.isLoopbackAddress() && !forwarded;
    }

    static boolean verbose(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return false;
        }
        for (String part : rawQuery.split("&")) {
            if (part.equals("verbose") || part.equals("verbose=") || part.equals("verbose=true") || part.equals("verbose=1")) {
                return true;
            }
        }
        return false;
    }
}
