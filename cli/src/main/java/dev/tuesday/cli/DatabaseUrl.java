package dev.tuesday.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Turns what users paste — a JDBC URL or a libpq {@code postgres://user:pw@host:port/db?…} URL —
 * into a JDBC URL for pgjdbc, and hides passwords in URLs that are printed.
 *
 * <p>In a libpq URL the user and password are percent-encoded ({@code p%26ss} for {@code p&ss});
 * they are decoded, then encoded again as query parameters of the JDBC URL, so no character of a
 * password can end it or add a parameter.
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
        URI uri = parse(url);
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringJoiner query = new StringJoiner("&");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            query.add("user=" + encode(decode(colon < 0 ? userInfo : userInfo.substring(0, colon))));
            if (colon >= 0) {
                query.add("password=" + encode(decode(userInfo.substring(colon + 1))));
            }
        }
        if (uri.getRawQuery() != null) {
            query.add(uri.getRawQuery());
        }
        String q = query.length() == 0 ? "" : "?" + query;
        return "jdbc:postgresql://" + host + port + path + q;
    }

    /**
     * A {@code --url} given on the command line to a command that hands a URL to a library (lint,
     * check): refused when it carries a password, which every local user can read in {@code ps};
     * {@code password} (from {@code PGPASSWORD}), when given, joins the JDBC URL in memory.
     */
    static String fromCommandLine(String url, String password) {
        if (hasPassword(url)) {
            throw new IllegalArgumentException("--url carries a password, which every local user can read in ps:"
                    + " give the password in PGPASSWORD");
        }
        String jdbc = toJdbc(url);
        return password == null || password.isEmpty() ? jdbc
                : jdbc + (jdbc.contains("?") ? "&" : "?") + "password=" + encode(password);
    }

    /** True when {@code url} (either form) carries a password. */
    static boolean hasPassword(String url) {
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            String userInfo = parse(url).getRawUserInfo();
            if (userInfo != null && userInfo.contains(":")) {
                return true;
            }
        }
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String parameter : url.substring(q + 1).split("&")) {
                if (parameter.toLowerCase(java.util.Locale.ROOT).startsWith("password=")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The URL without its password, for messages and output. */
    static String redact(String url) {
        return url.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@").replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    /** Percent-decoding as in a URL's user info, where {@code +} is a plus sign, not a space. */
    static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url: a bad percent-encoding in the user or password ("
                    + e.getMessage() + "); encode % as %25");
        }
    }

    /** Encoding for a query parameter's value, as pgjdbc decodes it. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url: not a valid URL (" + e.getReason()
                    + "); percent-encode special characters of the user and password, for example @ as %40");
        }
    }
}
