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
 * @param warmUpRequests read requests the service sends itself before it reports ready
 *     ({@code USERS_WARM_UP_REQUESTS}, 0 to 10000, default 500; 0 for none), see {@link WarmUp}
 * @param poolTimeout how long a request waits for a pooled connection: twice the database check's
 *     timeout ({@code CHECK_TIMEOUT}, default 1s), at least 250 ms, as in users-service
 */
record UsersSettings(ApiVersion version, double failRate, Duration delay, int warmUpRequests, Duration poolTimeout) {

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
        String warmUp = env.getOrDefault("USERS_WARM_UP_REQUESTS", "500").strip();
        int warmUpRequests;
        try {
            warmUpRequests = Integer.parseInt(warmUp);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("USERS_WARM_UP_REQUESTS must be a whole number, got '" + warmUp + "'");
        }
        if (warmUpRequests < 0 || warmUpRequests > 10_000) {
            throw new IllegalArgumentException("USERS_WARM_UP_REQUESTS must be between 0 and 10000, got " + warmUpRequests);
        }
        return new UsersSettings(version, failRate, UsersController.duration("USERS_DELAY", env.getOrDefault("USERS_DELAY", "0ms")),
                warmUpRequests, poolTimeout(UsersController.duration("CHECK_TIMEOUT", env.getOrDefault("CHECK_TIMEOUT", "1s"))));
    }

    private static Duration poolTimeout(Duration checkTimeout) {
        Duration twice = checkTimeout.multipliedBy(2);
        return twice.compareTo(Duration.ofMillis(250)) < 0 ? Duration.ofMillis(250) : twice;
    }
}
