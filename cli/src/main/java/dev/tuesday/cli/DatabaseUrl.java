package dev.tuesday.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Turns what users paste — a JDBC URL or a libpq {@code postgres://user:pw@host:port/db?…} URL —
 * into a JDBC URL for pgjdbc.
 */
final class DatabaseUrl {

    private DatabaseUrl() {
    }

    /**
     * @throws IllegalArgumentException naming the option when the URL is neither form
     */
    static String toJdbc(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("--url: expected jdbc:postgresql://… or postgres://…, got \""
                    + redact(url) + "\"");
        }
        try {
            URI uri = new URI(url);
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            StringJoiner query = new StringJoiner("&");
            if (uri.getRawUserInfo() != null) {
                String[] userInfo = uri.getRawUserInfo().split(":", 2);
                query.add("user=" + userInfo[0]);
                if (userInfo.length > 1) {
                    query.add("password=" + userInfo[1]);
                }
            }
            if (uri.getRawQuery() != null) {
                query.add(uri.getRawQuery());
            }
            String q = query.length() == 0 ? "" : "?" + query;
            return "jdbc:postgresql://" + host + port + path + q;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url: not a valid URL: " + e.getReason());
        }
    }

    /** The URL without its password, for messages. */
    static String redact(String url) {
        return url.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
