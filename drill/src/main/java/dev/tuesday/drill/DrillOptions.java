package dev.tuesday.drill;

import dev.tuesday.common.Durations;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@code tuesday drill}, checked:
 * {@code --target URL --rate N --duration D [--report FILE] [--workload get|users]
 * [--summary-json FILE] [--timeout D] [--allow-remote]}.
 *
 * @param target      the service's base URL
 * @param rate        requests per second
 * @param duration    how long requests are scheduled
 * @param workload    what is sent
 * @param report      where to write the HTML report, if anywhere
 * @param summaryJson where to write the JSON summary, if anywhere
 * @param timeout     the limit on each request
 * @param allowRemote true to allow a target that is not loopback
 */
public record DrillOptions(URI target, int rate, Duration duration, Workload workload, Optional<Path> report,
                           Optional<Path> summaryJson, Duration timeout, boolean allowRemote) {

    /** Default {@code --rate}. */
    public static final int DEFAULT_RATE = 100;
    /** Default {@code --duration}. */
    public static final String DEFAULT_DURATION = "30s";
    /** Default {@code --workload}. */
    public static final String DEFAULT_WORKLOAD = "get";
    /** Default {@code --timeout}. */
    public static final String DEFAULT_TIMEOUT = "5s";

    /** Checks the fields. */
    public DrillOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(summaryJson, "summaryJson");
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Reads the options as the command line gives them; {@code null} for an option not given
     * takes its default ({@code report} and {@code summaryJson}: none).
     *
     * @throws InvalidDrillSetting naming the option ({@code --rate}, …) that is wrong
     */
    public static DrillOptions parse(String target, Integer rate, String duration, String workload, Path report,
                                     Path summaryJson, String timeout, boolean allowRemote) {
        if (target == null || target.isBlank()) {
            throw new InvalidDrillSetting("--target", "is required (for example --target http://127.0.0.1:8080)");
        }
        URI uri;
        try {
            uri = URI.create(target.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidDrillSetting("--target", "is not a URL: '" + target + "'");
        }
        Workload w;
        try {
            w = Workload.named(workload == null ? DEFAULT_WORKLOAD : workload);
        } catch (InvalidDrillSetting e) {
            throw new InvalidDrillSetting("--workload", "must be get or users, not '" + workload + "'");
        }
        DrillOptions options = new DrillOptions(uri, rate == null ? DEFAULT_RATE : rate,
                duration("--duration", duration == null ? DEFAULT_DURATION : duration), w,
                Optional.ofNullable(report), Optional.ofNullable(summaryJson),
                duration("--timeout", timeout == null ? DEFAULT_TIMEOUT : timeout), allowRemote);
        options.builder(); // checks every value now, with the option's name in the message
        return options;
    }

    private static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidDrillSetting(option, e.getMessage());
        }
    }

    /** A drill builder with these options; add a progress listener and build. */
    public Drill.Builder builder() {
        Drill.Builder b = Drill.configure().target(target).rate(rate).duration(duration).workload(workload)
                .timeout(timeout).allowNonLoopback(allowRemote);
        try {
            b.build();
        } catch (InvalidDrillSetting e) {
            String option = switch (e.setting()) {
                case "target" -> "--target";
                case "rate" -> "--rate";
                case "duration" -> "--duration";
                case "timeout" -> "--timeout";
                default -> e.setting();
            };
            String hint = e.setting().equals("target") && e.getMessage().contains("loopback") ? " (--allow-remote)" : "";
            throw new InvalidDrillSetting(option, e.getMessage().substring(e.setting().length() + 2) + hint);
        }
        return b;
    }
}
