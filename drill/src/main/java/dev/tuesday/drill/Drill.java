package dev.tuesday.drill;

import dev.tuesday.common.Durations;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An open-loop load drill against an HTTP service: requests leave on a fixed schedule whatever
 * the answers, and every request's latency is counted from when it was <em>scheduled</em> to
 * leave. A service that stalls for a second is charged a second for each request scheduled
 * during the stall, instead of the drill politely waiting (no coordinated omission).
 *
 * <pre>{@code
 * DrillResult result = Drill.configure()
 *         .target(URI.create("http://127.0.0.1:8080"))
 *         .rate(200).duration(Duration.ofSeconds(30))
 *         .workload(Workload.users())
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>To measure something the caller does meanwhile (a release), {@link #start()} the drill,
 * mark {@linkplain RunningDrill#beginSpan phases}, and {@linkplain RunningDrill#await await} or
 * {@linkplain RunningDrill#stop stop} it.
 *
 * <p>Bounded: exactly {@code rate × duration} requests at most, at most {@code maxInFlight} of
 * them in flight (the others wait, their latency running), each bounded by {@code timeout}; the
 * final verification pass is bounded by {@code verifyTimeout}. A drill object is immutable and
 * may be run several times.
 */
public final class Drill {

    /** The most requests per second a drill schedules. */
    public static final int MAX_RATE = 50_000;
    /** The longest a drill schedules requests. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);
    /** The most requests one drill schedules. */
    public static final long MAX_REQUESTS = 100_000_000L;

    private final URI target;
    private final int rate;
    private final Duration duration;
    private final Workload workload;
    private final Duration timeout;
    private final int maxInFlight;
    private final Duration verifyTimeout;
    private final Consumer<Progress> progress;
    private final Clock clock;
    private final long seed;

    private Drill(Builder b) {
        this.target = b.target;
        this.rate = b.rate;
        this.duration = b.duration;
        this.workload = b.workload;
        this.timeout = b.timeout;
        this.maxInFlight = b.maxInFlight;
        this.verifyTimeout = b.verifyTimeout;
        this.progress = b.progress;
        this.clock = b.clock;
        this.seed = b.seed;
    }

    /** A builder with every default; only the target must be set. */
    public static Builder configure() {
        return new Builder();
    }

    /** Runs the drill to its end and returns what it measured. Blocks for about {@code duration}. */
    public DrillResult run() {
        return start().await();
    }

    /**
     * Starts the drill in the background. Returns once the HTTP client is warmed up with a few
     * uncounted requests (at most 2 s), when the schedule begins.
     */
    public RunningDrill start() {
        return RunningDrill.start(this);
    }

    /** The service's base URL. */
    public URI target() {
        return target;
    }

    /** Requests scheduled per second. */
    public int rate() {
        return rate;
    }

    /** How long requests are scheduled. */
    public Duration duration() {
        return duration;
    }

    /** What is sent. */
    public Workload workload() {
        return workload;
    }

    /** The limit on each request, connect included. */
    public Duration timeout() {
        return timeout;
    }

    /** The most requests in flight at once. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** The limit on the final verification pass. */
    public Duration verifyTimeout() {
        return verifyTimeout;
    }

    /** The number of requests the schedule holds: {@code rate × duration}, at least 1. */
    public long plannedRequests() {
        return Math.max(1, duration.toNanos() / 1_000_000L * rate / 1000);
    }

    Consumer<Progress> progressListener() {
        return progress;
    }

    Clock clock() {
        return clock;
    }

    long seed() {
        return seed;
    }

    /** Settings of a {@link Drill}; {@link #build()} checks them all once. */
    public static final class Builder {
        private URI target;
        private int rate = 100;
        private Duration duration = Duration.ofSeconds(30);
        private Workload workload = Workload.get();
        private Duration timeout = Duration.ofSeconds(5);
        private int maxInFlight = 2_000;
        private Duration verifyTimeout = Duration.ofSeconds(60);
        private Consumer<Progress> progress = p -> { };
        private Clock clock = Clock.systemUTC();
        private boolean allowNonLoopback;
        private long seed = 0x7e5d_a11L;

        private Builder() {
        }

        /** The service's base URL (http or https). Required. Must be loopback unless {@link #allowNonLoopback}. */
        public Builder target(URI target) {
            this.target = target;
            return this;
        }

        /** As {@link #target(URI)}, from text. */
        public Builder target(String target) {
            try {
                return target(URI.create(Objects.requireNonNull(target, "target").trim()));
            } catch (IllegalArgumentException e) {
                throw new InvalidDrillSetting("target", "is not a URL: '" + target + "'");
            }
        }

        /** Requests scheduled per second, 1 to {@value Drill#MAX_RATE}. Default 100. */
        public Builder rate(int perSecond) {
            this.rate = perSecond;
            return this;
        }

        /** How long requests are scheduled, up to 24 h. Default 30 s. */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /** What is sent. Default {@link Workload#get()}. */
        public Builder workload(Workload workload) {
            this.workload = workload;
            return this;
        }

        /** The limit on each request, connect included; 1 ms to 10 min. Default 5 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The most requests in flight at once, 1 to 100 000. Default 2 000. */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** The limit on the final read-back of written rows, 1 s to 1 h. Default 60 s. */
        public Builder verifyTimeout(Duration verifyTimeout) {
            this.verifyTimeout = verifyTimeout;
            return this;
        }

        /** Called once a second, from a thread of its own, with a live reading. Default: none. */
        public Builder onProgress(Consumer<Progress> listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The clock that stamps the start and the phases. Default the system's, in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Allows a target that is not a loopback address. Default false: a drill is a load test. */
        public Builder allowNonLoopback(boolean allow) {
            this.allowNonLoopback = allow;
            return this;
        }

        /** The seed of the workload's random choices, for repeatable runs. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Checks every setting and returns the drill.
         *
         * @throws InvalidDrillSetting naming the first setting that is wrong
         */
        public Drill build() {
            if (workload == null) {
                throw new InvalidDrillSetting("workload", "is missing");
            }
            checkTarget();
            if (rate < 1 || rate > MAX_RATE) {
                throw new InvalidDrillSetting("rate", "must be between 1 and " + MAX_RATE + " requests per second, not " + rate);
            }
            within("duration", duration, Duration.ofMillis(1), MAX_DURATION);
            within("timeout", timeout, Duration.ofMillis(1), Duration.ofMinutes(10));
            within("verify timeout", verifyTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
            if (maxInFlight < 1 || maxInFlight > 100_000) {
                throw new InvalidDrillSetting("max in flight", "must be between 1 and 100000, not " + maxInFlight);
            }
            Drill drill = new Drill(this);
            if (drill.plannedRequests() > MAX_REQUESTS) {
                throw new InvalidDrillSetting("rate", "× duration makes " + drill.plannedRequests()
                        + " requests; a drill sends at most " + MAX_REQUESTS);
            }
            return drill;
        }

        private void checkTarget() {
            if (target == null) {
                throw new InvalidDrillSetting("target", "is missing (for example http://127.0.0.1:8080)");
            }
            String scheme = target.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new InvalidDrillSetting("target", "must be an http or https URL, not '" + target + "'");
            }
            if (target.getHost() == null) {
                throw new InvalidDrillSetting("target", "has no host: '" + target + "'");
            }
            if (target.getRawQuery() != null && !(workload instanceof GetWorkload)) {
                throw new InvalidDrillSetting("target", "must have no query for the " + workload.name() + " workload: '" + target + "'");
            }
            if (!allowNonLoopback && !Targets.isLoopback(target)) {
                throw new InvalidDrillSetting("target", "'" + target.getHost()
                        + "' is not a loopback address; allow other hosts explicitly to load them");
            }
        }

        private static void within(String setting, Duration value, Duration min, Duration max) {
            if (value == null) {
                throw new InvalidDrillSetting(setting, "is missing");
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new InvalidDrillSetting(setting, "must be between " + Durations.format(min) + " and "
                        + Durations.format(max) + ", not " + Durations.format(value));
            }
        }
    }
}
