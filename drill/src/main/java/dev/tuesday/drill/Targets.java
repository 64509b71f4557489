package dev.tuesday.drill;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** Building request URIs from the drill's target, and telling whether a target is loopback. */
final class Targets {

    private Targets() {
    }

    /** {@code path} under the target's own path: {@code http://h:1/api} + {@code /users} → {@code http://h:1/api/users}. */
    static URI under(URI target, String path) {
        String base = target.getRawPath() == null ? "" : target.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(target.getScheme() + "://" + target.getRawAuthority() + base + path);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** True when the target's host resolves to a loopback address only. */
    static boolean isLoopback(URI target) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(target.getHost());
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
