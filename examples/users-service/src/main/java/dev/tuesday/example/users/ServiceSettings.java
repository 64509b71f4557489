package dev.tuesday.example.users;

import dev.tuesday.common.Durations;
import java.time.Duration;
import java.util.Map;

/**
 * The service's settings, all from the environment, checked once at start.
 *
 * @param host address to listen on ({@code HOST}, default 127.0.0.1)
 * @param port port to listen on ({@code PORT}, default 8080; 0 picks a free one)
 * @param version v1 or v2 ({@code USERS_VERSION}, default v1)
 * @param jdbcUrl the database ({@code DATABASE_URL}, a {@code jdbc:postgresql:} URL)
 * @param user the database user ({@code DATABASE_USER})
 * @param password the database password ({@code DATABASE_PASSWORD}, may be empty)
 * @param schema the version schema, the connections' {@code search_path} ({@code TUESDAY_SCHEMA},
 *     default {@code public} for v1 and {@code public_02_full_name} for v2)
 * @param failRate share of API requests answered with 500 ({@code USERS_FAIL_RATE}, 0 to 1, default 0)
 * @param delay extra latency of every API request ({@code USERS_DELAY}, default 0)
 * @param neverReady never call markReady, so readiness never passes ({@code USERS_NEVER_READY})
 * @param warmup a pause between the pool opening and markReady ({@code USERS_WARMUP}, default 0)
 * @param checkTimeout timeout of each readiness check ({@code CHECK_TIMEOUT}, default 1s)
 * @param cacheTtl how long probe results are reused ({@code HEALTH_CACHE_TTL}, default 1s)
 * @param drainDelay serving time after SIGTERM before the socket closes ({@code DRAIN_DELAY}, default 5s)
 * @param drainTimeout longest wait for requests in flight ({@code DRAIN_TIMEOUT}, default 30s)
 * @param poolSize connections in the pool ({@code POOL_SIZE}, default 10)
 */
record ServiceSettings(String host, int port, ApiVersion version, String jdbcUrl, String user, String password,
        String schema, double failRate, Duration delay, boolean neverReady, Duration warmup, Duration checkTimeout,
        Duration cacheTtl, Duration drainDelay, Duration drainTimeout, int poolSize) {

    /**
     * Reads and checks the settings.
     *
     * @throws IllegalArgumentException naming the first variable that is wrong
     */
    static ServiceSettings fromEnvironment(Map<String, String> env) {
        ApiVersion version = ApiVersion.parse(env.getOrDefault("USERS_VERSION", "v1"));
        String url = required(env, "DATABASE_URL");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("DATABASE_URL must be a jdbc:postgresql: URL, got '" + url.replaceAll("password=[^&]*", "password=***") + "'");
        }
        String schema = env.getOrDefault("TUESDAY_SCHEMA", "").strip();
        double failRate = number(env, "USERS_FAIL_RATE", "0");
        if (failRate < 0 || failRate > 1) {
            throw new IllegalArgumentException("USERS_FAIL_RATE must be between 0 and 1, got " + failRate);
        }
        int port = (int) integer(env, "PORT", "8080", 0, 65535);
        return new ServiceSettings(
                env.getOrDefault("HOST", "127.0.0.1"), port, version, url,
                required(env, "DATABASE_USER"), env.getOrDefault("DATABASE_PASSWORD", ""),
                schema.isEmpty() ? version.defaultSchema() : schema,
                failRate, duration(env, "USERS_DELAY", "0ms"), bool(env, "USERS_NEVER_READY"),
                duration(env, "USERS_WARMUP", "0ms"), duration(env, "CHECK_TIMEOUT", "1s"),
                duration(env, "HEALTH_CACHE_TTL", "1s"), duration(env, "DRAIN_DELAY", "5s"),
                duration(env, "DRAIN_TIMEOUT", "30s"), (int) integer(env, "POOL_SIZE", "10", 1, 1000));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value.strip();
    }

    private static Duration duration(Map<String, String> env, String name, String fallback) {
        return duration(name, env.getOrDefault(name, fallback));
    }

    /** {@code text} read as Tuesday reads durations ({@code 1s}, {@code 250ms}, {@code PT1S}); the error names {@code what}. */
    static Duration duration(String what, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(Map<String, String> env, String name) {
        String v = env.getOrDefault(name, "false").strip().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
        };
    }

    private static double number(Map<String, String> env, String name, String fallback) {
        String v = env.getOrDefault(name, fallback).strip();
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }

    private static long integer(Map<String, String> env, String name, String fallback, long min, long max) {
        String v = env.getOrDefault(name, fallback).strip();
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below names the setting
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }
}
