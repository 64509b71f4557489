package dev.tuesday.balancer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a {@link Balancer} needs, checked once and immutable.
 *
 * <p>Built with {@link Balancer#configure()} or read from a YAML file with {@link #read(Path)}.
 */
public final class BalancerConfig {
    private final String listenHost;
    private final int listenPort;
    private final AdminSettings admin;
    private final HealthSettings health;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration idleTimeout;
    private final Duration backendIdleTimeout;
    private final Duration headerTimeout;
    private final Duration drainTimeout;
    private final int maxRequestBodyBytes;
    private final long maxBufferedBodyBytes;
    private final int maxConnections;
    private final int maxConnectionsPerBackend;
    private final int ejectAfterConnectionFailures;
    private final TrustedProxies trustedProxies;
    private final List<BackendSpec> backends;
    private final Clock clock;

    private BalancerConfig(Builder builder) {
        this.listenHost = builder.listenHost;
        this.listenPort = builder.listenPort;
        this.admin = builder.admin;
        this.health = builder.health;
        this.connectTimeout = builder.connectTimeout;
        this.responseTimeout = builder.responseTimeout;
        this.idleTimeout = builder.idleTimeout;
        this.backendIdleTimeout = builder.backendIdleTimeout;
        this.headerTimeout = builder.headerTimeout;
        this.drainTimeout = builder.drainTimeout;
        this.maxRequestBodyBytes = builder.maxRequestBodyBytes;
        this.maxBufferedBodyBytes = builder.maxBufferedBodyBytes;
        this.maxConnections = builder.maxConnections;
        this.maxConnectionsPerBackend = builder.maxConnectionsPerBackend;
        this.ejectAfterConnectionFailures = builder.ejectAfterConnectionFailures;
        this.trustedProxies = builder.trustedProxies;
        this.backends = List.copyOf(builder.backends);
        this.clock = builder.clock;
    }

    /**
     * Reads a YAML configuration file. Example:
     * <pre>
     * listen: 0.0.0.0:8080
     * admin: { listen: 127.0.0.1:8081, token: change-me-please }
     * health: { path: /readyz, interval: 1s, timeout: 1s, rise: 2, fall: 3 }
     * timeouts: { connect: 2s, response: 30s, idle: 30s, backendIdle: 4s, header: 10s, drain: 30s }
     * maxRequestBodyBytes: 16777216
     * maxBufferedBodyBytes: 67108864
     * maxConnections: 4096
     * maxConnectionsPerBackend: 256
     * ejectAfterConnectionFailures: 3
     * trustedProxies: [ 10.0.0.0/8 ]
     * backends:
     *   - { id: users-1, url: http://127.0.0.1:9001, version: v1, weight: 100 }
     * </pre>
     *
     * @throws BalancerConfigException naming the file and the field when the file cannot be used
     */
    public static BalancerConfig read(Path file) {
        return ConfigReader.read(file);
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Address the proxy listens on; default {@code 0.0.0.0}. */
    public String listenHost() {
        return listenHost;
    }

    /** Port the proxy listens on; default 8080, 0 picks a free one. */
    public int listenPort() {
        return listenPort;
    }

    /** The admin API settings, absent when the admin API is off (the default). */
    public Optional<AdminSettings> admin() {
        return Optional.ofNullable(admin);
    }

    /** Readiness polling; default {@link HealthSettings#DEFAULTS}. */
    public HealthSettings health() {
        return health;
    }

    /** Time to open a connection to a backend; default 2 s. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Time a backend has to answer a request completely; default 30 s. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** Time an idle client connection is kept; default 30 s. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Time an idle connection to a backend is kept; default 4 s. It must stay below the backends'
     * own idle timeout: a backend that closes an idle connection just as the balancer sends a
     * request on it fails that request (a POST cannot be replayed). 4 s is below the shortest
     * common server default (5 s).
     */
    public Duration backendIdleTimeout() {
        return backendIdleTimeout;
    }

    /**
     * Time a client has to send a complete request head, from its first byte; default 10 s. A
     * client that sends its headers a byte at a time is cut then, even though each byte keeps the
     * connection from being idle.
     */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /**
     * Time {@link Balancer#shutdown()} gives the requests in flight once it stopped accepting;
     * default 30 s.
     */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    /** Largest request body, kept in memory so that a request can be retried; default 16 MiB. */
    public int maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    /**
     * Largest total of the request bodies held in memory at once; default 64 MiB. A request whose
     * body does not fit while others hold the budget gets 503.
     */
    public long maxBufferedBodyBytes() {
        return maxBufferedBodyBytes;
    }

    /**
     * Largest number of client connections open at once; default 4096. Past it the balancer stops
     * accepting until one closes (new clients wait in the listen queue).
     */
    public int maxConnections() {
        return maxConnections;
    }

    /** Largest number of connections to one backend; default 256. */
    public int maxConnectionsPerBackend() {
        return maxConnectionsPerBackend;
    }

    /**
     * Connection failures in a row (refused, reset, closed before the response) that take a ready
     * backend out of rotation; default 3. Any response resets the count. The last ready backend is
     * never taken out by connection failures: its readiness checks decide.
     */
    public int ejectAfterConnectionFailures() {
        return ejectAfterConnectionFailures;
    }

    /**
     * The peers whose {@code X-Forwarded-For}, {@code Forwarded} and {@code X-Real-IP} headers are
     * kept (and appended to); default none: from any other peer they are replaced by what the
     * balancer saw itself.
     */
    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /** The backends to start with; default none. */
    public List<BackendSpec> backends() {
        return backends;
    }

    /** Clock for the times of state changes; default the system clock in UTC. */
    public Clock clock() {
        return clock;
    }

    /** Starts a balancer with this configuration. */
    public Balancer start() {
        return Balancer.start(this);
    }

    /** Mutable builder; {@link #build()} checks everything once. */
    public static final class Builder {
        private String listenHost = "0.0.0.0";
        private int listenPort = 8080;
        private AdminSettings admin;
        private HealthSettings health = HealthSettings.DEFAULTS;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration backendIdleTimeout = Duration.ofSeconds(4);
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration drainTimeout = Duration.ofSeconds(30);
        private int maxRequestBodyBytes = 16 * 1024 * 1024;
        private long maxBufferedBodyBytes = 64L * 1024 * 1024;
        private int maxConnections = 4096;
        private int maxConnectionsPerBackend = 256;
        private int ejectAfterConnectionFailures = 3;
        private TrustedProxies trustedProxies = TrustedProxies.NONE;
        private final List<BackendSpec> backends = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Address and port of the proxy; default {@code 0.0.0.0:8080}; port 0 picks a free one. */
        public Builder listen(String host, int port) {
            this.listenHost = Objects.requireNonNull(host, "listen host");
            this.listenPort = port;
            return this;
        }

        /** Turns the admin API on, on a loopback address, protected by {@code token}. */
        public Builder admin(String host, int port, String token) {
            this.admin = new AdminSettings(host, port, token);
            return this;
        }

        /** Readiness polling; default {@link HealthSettings#DEFAULTS}. */
        public Builder health(HealthSettings settings) {
            this.health = Objects.requireNonNull(settings, "health");
            return this;
        }

        /** Time to open a connection to a backend; default 2 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "connect timeout");
            return this;
        }

        /** Time a backend has to answer completely; default 30 s. */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = Objects.requireNonNull(timeout, "response timeout");
            return this;
        }

        /** Time an idle client connection is kept; default 30 s. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "idle timeout");
            return this;
        }

        /** Time an idle connection to a backend is kept, below the backends' own; default 4 s. */
        public Builder backendIdleTimeout(Duration timeout) {
            this.backendIdleTimeout = Objects.requireNonNull(timeout, "backend idle timeout");
            return this;
        }

        /** Time a client has to send a complete request head, from its first byte; default 10 s. */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = Objects.requireNonNull(timeout, "header timeout");
            return this;
        }

        /** Time a graceful shutdown gives the requests in flight; default 30 s. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = Objects.requireNonNull(timeout, "drain timeout");
            return this;
        }

        /** Largest request body in bytes; larger ones get 413; default 16 MiB. */
        public Builder maxRequestBodyBytes(int bytes) {
            this.maxRequestBodyBytes = bytes;
            return this;
        }

        /** Largest total of request bodies held in memory at once; default 64 MiB. */
        public Builder maxBufferedBodyBytes(long bytes) {
            this.maxBufferedBodyBytes = bytes;
            return this;
        }

        /** Largest number of client connections open at once; default 4096. */
        public Builder maxConnections(int connections) {
            this.maxConnections = connections;
            return this;
        }

        /** Connection failures in a row that take a ready backend out; default 3. */
        public Builder ejectAfterConnectionFailures(int failures) {
            this.ejectAfterConnectionFailures = failures;
            return this;
        }

        /**
         * Peers trusted to forward client addresses: addresses ({@code 10.1.2.3}, {@code ::1}) or
         * ranges ({@code 10.0.0.0/8}); default none.
         *
         * @throws IllegalArgumentException naming an entry that is neither
         */
        public Builder trustedProxies(List<String> proxies) {
            try {
                this.trustedProxies = TrustedProxies.parse(proxies);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trustedProxies: " + e.getMessage(), e);
            }
            return this;
        }

        /** Largest number of connections to one backend; default 256. */
        public Builder maxConnectionsPerBackend(int connections) {
            this.maxConnectionsPerBackend = connections;
            return this;
        }

        /** Adds a backend to start with. */
        public Builder backend(BackendSpec spec) {
            backends.add(Objects.requireNonNull(spec, "backend"));
            return this;
        }

        /** Adds a backend to start with. */
        public Builder backend(String id, URI uri, String version, int weight) {
            return backend(new BackendSpec(id, uri, version, weight));
        }

        /** Clock for the times of state changes; default the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Checks the settings and returns the immutable configuration. */
        public BalancerConfig build() {
            if (listenPort < 0 || listenPort > 65535) {
                throw new IllegalArgumentException("listen port " + listenPort + " must be between 0 and 65535");
            }
            requirePositive(connectTimeout, "timeouts.connect");
            requirePositive(responseTimeout, "timeouts.response");
            requirePositive(idleTimeout, "timeouts.idle");
            requirePositive(backendIdleTimeout, "timeouts.backendIdle");
            requirePositive(headerTimeout, "timeouts.header");
            requirePositive(drainTimeout, "timeouts.drain");
            if (maxRequestBodyBytes < 0) {
                throw new IllegalArgumentException("maxRequestBodyBytes " + maxRequestBodyBytes + " must not be negative");
            }
            if (maxBufferedBodyBytes < maxRequestBodyBytes) {
                throw new IllegalArgumentException("maxBufferedBodyBytes " + maxBufferedBodyBytes
                        + " must be at least maxRequestBodyBytes (" + maxRequestBodyBytes + ")");
            }
            requireAtLeastOne(maxConnections, "maxConnections");
            requireAtLeastOne(maxConnectionsPerBackend, "maxConnectionsPerBackend");
            requireAtLeastOne(ejectAfterConnectionFailures, "ejectAfterConnectionFailures");
            Set<String> ids = new HashSet<>();
            for (BackendSpec spec : backends) {
                if (!ids.add(spec.id())) {
                    throw new DuplicateBackendException(spec.id());
                }
            }
            if (admin != null && listenPort != 0 && admin.port() == listenPort) {
                throw new IllegalArgumentException("admin port " + admin.port() + " must differ from the listen port");
            }
            return new BalancerConfig(this);
        }

        /** Builds the configuration and starts a balancer with it. */
        public Balancer start() {
            return Balancer.start(build());
        }

        private static void requireAtLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " " + value + " must be at least 1");
            }
        }

        private static void requirePositive(Duration duration, String name) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " " + duration + " must be positive");
            }
        }
    }
}
