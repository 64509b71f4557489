package dev.tuesday.example.spring;

import java.time.Duration;
import java.util.Map;

/**
 * What this example reads from the environment besides what Boot and the starter read (see
 * {@code application.properties}): the same variables as {@code users-service}.
 *
 * @param version v1 or v2 ({@code USERS_VERSION}, default v1)
 * @param failRate share of API requests answered with 500 ({@code USERS_FAIL_RATE}, 0 to 1, default 0)
 * @param delay extra latency of every API request ({@code USERS_DELAY}, default 0)
 */
record UsersSettings(ApiVersion version, double failRate, Duration delay) {

    /** @throws IllegalArgumentException naming the first variable that is wrong */
    static UsersSettings fromEnvironment(Map<String, String> env) {
        ApiVersion version = ApiVersion.parse(env.getOrDefault("USERS_VERSION", "v1"));
        String rate = env.getOrDefault("USERS_FAIL_RATE", "0").strip();
        double failRate;
        try {
            failRate = Double.parseDouble(rate);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("USERS_FAIL_RATE must be a number, got '" + rate + "'");
        }
        if (failRate < 0 || failRate > 1) {
            throw new IllegalArgumentException("USERS_FAIL_RATE must be between 0 and 1, got " + failRate);
        }
        return new UsersSettings(version, failRate, UsersController.duration("USERS_DELAY", env.getOrDefault("USERS_DELAY", "0ms")));
    }
}
