package dev.tuesday.cli.demo;

import java.time.Duration;

/**
 * How big and how long the demo is.
 *
 * @param rate requests per second of the drill load in both runs
 * @param instances users-service instances in each fleet
 * @param rows users seeded before the release
 * @param steady load before the release starts and after it ends
 * @param naiveGap time between the naive {@code RENAME COLUMN} and the naive restart (a deploy
 *     pipeline running the migration, then the new code)
 * @param strategy {@code rolling}, {@code blue-green} or {@code canary}
 * @param maxSurge how many new instances a rolling release starts at once
 */
public record DemoSettings(int rate, int instances, int rows, Duration steady, Duration naiveGap, String strategy,
        int maxSurge) {

    /** The full demo: under three minutes. */
    public static DemoSettings standard(String strategy) {
        return new DemoSettings(100, 3, 100_000, Duration.ofSeconds(5), Duration.ofSeconds(3), strategy, 1);
    }

    /** {@code --quick}: under a minute; the rolling release replaces the whole fleet in one readiness-gated step. */
    public static DemoSettings quick(String strategy) {
        return new DemoSettings(50, 3, 100_000, Duration.ofSeconds(2), Duration.ofSeconds(2), strategy, 3);
    }

    /** The strategy section of the release plan. */
    String strategyYaml() {
        return switch (strategy) {
            case "rolling" -> "{ rolling: { maxSurge: " + maxSurge + ", maxUnavailable: 0 } }";
            case "blue-green" -> "{ blueGreen: { keepOld: 2s } }";
            case "canary" -> "{ canary: { instances: 1, steps: [ { weight: 20, pause: " + steady.toSeconds()
                    + "s } ], analysis: { maxErrorRateIncrease: 0.01, maxLatencyRatio: 3.0, latencyMargin: 100ms,"
                    + " minRequests: 10 } } }";
            default -> throw new IllegalArgumentException("--strategy: expected rolling, blue-green or canary, not \""
                    + strategy + "\"");
        };
    }
}
