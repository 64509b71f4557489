package dev.tuesday.balancer;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Headers that belong to one connection and are never forwarded (RFC 9110, section 7.6.1), in
 * either direction. Found in one pass over a message's headers: most messages have none, and a
 * removal by name for each would cost a lookup per name on every request and response.
 */
final class HopHeaders {
    private static final List<AsciiString> NAMES = List.of(HttpHeaderNames.CONNECTION, AsciiString.cached("keep-alive"),
            HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.PROXY_AUTHENTICATE, AsciiString.cached("proxy-connection"),
            HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE,
            // The body is read before forwarding, so the client already got its 100 Continue.
            HttpHeaderNames.EXPECT);

    private HopHeaders() {
    }

    /** Removes the hop-by-hop headers of a request, those its {@code Connection} header lists included. */
    static void removeFromRequest(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
                for (String name : value.split(",")) {
                    headers.remove(name.trim());
                }
            }
        }
        removeFrom(headers);
    }

    /** Removes the hop-by-hop headers of a response. */
    static void removeFrom(HttpHeaders headers) {
        List<CharSequence> found = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            if (isHop(name)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(name);
            }
        }
        if (found != null) {
            found.forEach(headers::remove);
        }
    }

    private static boolean isHop(CharSequence name) {
        for (AsciiString hop : NAMES) {
            if (hop.length() == name.length() && hop.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
