package dev.tuesday.balancer;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * What a backend is told about the client: {@code X-Forwarded-For}, {@code Forwarded},
 * {@code X-Real-IP} and {@code X-Forwarded-Proto}.
 *
 * <p>Any client can write these headers, so they are believed only from a
 * {@link TrustedProxies trusted proxy}: its values are kept and the balancer's own hop appended.
 * From any other peer the balancer is the edge: they are replaced by the address it saw and the
 * protocol the client used, and {@code X-Forwarded-Host} and {@code X-Forwarded-Port} are dropped.
 */
final class ForwardedHeaders {
    /** Headers written here, never copied from the request as they are. */
    private static final Set<HttpHeader> WRITTEN = EnumSet.of(HttpHeader.X_FORWARDED_FOR, HttpHeader.FORWARDED,
            HttpHeader.X_FORWARDED_PROTO, HttpHeader.X_FORWARDED_HOST, HttpHeader.X_FORWARDED_PORT);
    private static final String X_REAL_IP = "x-real-ip";

    private ForwardedHeaders() {
    }

    /** Whether {@code field} is one of the headers {@link #write} decides on. */
    static boolean isForwarding(HttpField field) {
        return WRITTEN.contains(field.getHeader()) || field.getLowerCaseName().equals(X_REAL_IP);
    }

    /** Adds the forwarding headers for {@code request} to {@code headers}. */
    static void write(Request request, HttpFields.Mutable headers, TrustedProxies trusted) {
        InetAddress peer = peer(request);
        String client = peer == null ? Request.getRemoteAddr(request) : peer.getHostAddress();
        String proto = request.isSecure() ? "https" : "http";
        String node = peer instanceof Inet6Address ? "\"[" + client + "]\"" : client;
        HttpFields in = request.getHeaders();
        if (peer != null && trusted.trusts(peer)) {
            headers.put(HttpHeader.X_FORWARDED_FOR, append(in.get(HttpHeader.X_FORWARDED_FOR), client));
            headers.put(HttpHeader.FORWARDED, append(in.get(HttpHeader.FORWARDED), "for=" + node + ";proto=" + proto));
            headers.put(X_REAL_IP, in.get(X_REAL_IP) == null ? client : in.get(X_REAL_IP));
            headers.put(HttpHeader.X_FORWARDED_PROTO, in.get(HttpHeader.X_FORWARDED_PROTO) == null ? proto : in.get(HttpHeader.X_FORWARDED_PROTO));
            copy(in, headers, HttpHeader.X_FORWARDED_HOST);
            copy(in, headers, HttpHeader.X_FORWARDED_PORT);
            return;
        }
        headers.put(HttpHeader.X_FORWARDED_FOR, client);
        headers.put(HttpHeader.FORWARDED, "for=" + node + ";proto=" + proto);
        headers.put(X_REAL_IP, client);
        headers.put(HttpHeader.X_FORWARDED_PROTO, proto);
    }

    private static InetAddress peer(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress address ? address.getAddress() : null;
    }

    /** A header's values joined into one list (several lines of a header are one list, RFC 9110). */
    private static String append(String previous, String value) {
        return previous == null || previous.isBlank() ? value : previous + ", " + value;
    }

    private static void copy(HttpFields in, HttpFields.Mutable out, HttpHeader header) {
        String value = in.get(header);
        if (value != null) {
            out.put(header, value);
        }
    }
}
