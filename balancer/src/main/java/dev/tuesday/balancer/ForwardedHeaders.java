package dev.tuesday.balancer;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * What a backend is told about the client: {@code X-Forwarded-For}, {@code Forwarded},
 * {@code X-Real-IP} and {@code X-Forwarded-Proto}.
 *
 * <p>Any client can write these headers, so they are believed only from a
 * {@link TrustedProxies trusted proxy}: its values are kept and the balancer's own hop appended.
 * From any other peer the balancer is the edge: they are replaced by the address it saw and the
 * protocol the client used, and {@code X-Forwarded-Host} and {@code X-Forwarded-Port} are dropped.
 *
 * <p>One per client connection: what it writes depends only on the peer.
 */
final class ForwardedHeaders {
    private static final AsciiString FORWARDED = AsciiString.cached("forwarded");
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    private static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    private static final AsciiString X_REAL_IP = AsciiString.cached("x-real-ip");
    private static final String PROTO = "http";

    private final String client;
    private final String forwarded;
    private final boolean trusted;

    ForwardedHeaders(InetAddress peer, TrustedProxies trusted) {
        this.client = peer.getHostAddress();
        String node = peer instanceof Inet6Address ? "\"[" + client + "]\"" : client;
        this.forwarded = "for=" + node + ";proto=" + PROTO;
        this.trusted = trusted.trusts(peer);
    }

    /** Rewrites the forwarding headers of a request from this peer, in place, on its way to a backend. */
    void write(HttpHeaders headers) {
        if (trusted) {
            headers.set(X_FORWARDED_FOR, append(headers.get(X_FORWARDED_FOR), client));
            headers.set(FORWARDED, append(headers.get(FORWARDED), forwarded));
            if (headers.get(X_REAL_IP) == null) {
                headers.set(X_REAL_IP, client);
            }
            if (headers.get(X_FORWARDED_PROTO) == null) {
                headers.set(X_FORWARDED_PROTO, PROTO);
            }
            return;
        }
        headers.set(X_FORWARDED_FOR, client);
        headers.set(FORWARDED, forwarded);
        headers.set(X_REAL_IP, client);
        headers.set(X_FORWARDED_PROTO, PROTO);
        headers.remove(X_FORWARDED_HOST);
        headers.remove(X_FORWARDED_PORT);
    }

    /** A header's values joined into one list (several lines of a header are one list, RFC 9110). */
    private static String append(String previous, String value) {
        return previous == null || previous.isBlank() ? value : previous + ", " + value;
    }
}
