package dev.tuesday.release.instance;

import dev.tuesday.release.plan.DatabaseSpec;
import dev.tuesday.release.plan.PortRange;
import dev.tuesday.release.plan.VersionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs instances as child processes on 127.0.0.1, each in a session of its own, that die with
 * this process until they are handed over.
 *
 * <p>Each process gets an environment built from nothing: the variables of {@link #INHERITED}
 * that this JVM has (never its secrets, such as the balancer's token), then {@code PORT},
 * {@code TUESDAY_SCHEMA} (its version schema) and, when a database is configured,
 * {@code TUESDAY_DATABASE_URL} and {@code DATABASE_URL} (and {@code DATABASE_USER},
 * {@code DATABASE_PASSWORD} when set), then the version's {@code env}, which wins over the others,
 * and last {@code TUESDAY_LAUNCH}, a random token by which the {@link Watchdog} finds the process
 * should this one die while starting it. Standard output and error go to {@code <logs>/<id>.log}.
 *
 * <p>A {@link Watchdog} stops every instance not yet handed over ({@link #handOver}) when this
 * process ends, however it ends: an instance of a release that died does not run on unseen.
 *
 * <p>A port is taken from the version's range when nothing of ours holds it and it can be bound;
 * with no range the operating system picks a free one. Either way another program may grab the
 * port between the check and the child's bind: the instance then fails to start, and the release's
 * crash detection backs out.
 */
public final class Supervisor implements Launcher, AutoCloseable {
    /**
     * The variables an instance takes from this JVM's environment, when set: what a program needs
     * to find its tools, its home, its language and time zone. Anything else reaches it only
     * through the plan's {@code env}.
     */
    public static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE",
            "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "TZ", "TMPDIR", "JAVA_HOME");

    private final Path logs;
    private final Optional<DatabaseSpec> database;
    private final String readinessPath;
    private final Duration grace;
    private final Map<String, String> parentEnvironment;
    private final HttpClient http;
    private final Set<Integer> taken = new HashSet<>();
    private Watchdog watchdog;
    /** The launch token of each instance the watchdog still stops with this process. */
    private final Map<Instance, String> launches = new IdentityHashMap<>();

    /**
     * @param logs          folder for the instances' log files; created when missing
     * @param database      the database the instances use, if the plan names one
     * @param readinessPath the path {@link Instance#probeReady()} asks, for example {@code /readyz}
     * @param grace         how long an instance may drain after SIGTERM when this process dies,
     *                      before SIGKILL; the plan's {@code drain.grace}
     */
    public Supervisor(Path logs, Optional<DatabaseSpec> database, String readinessPath, Duration grace) {
        this(logs, database, readinessPath, grace, System.getenv());
    }

    /** As the public constructor, with {@code parentEnvironment} in place of this JVM's environment. */
    Supervisor(Path logs, Optional<DatabaseSpec> database, String readinessPath, Duration grace,
               Map<String, String> parentEnvironment) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.database = Objects.requireNonNull(database, "database");
        this.readinessPath = Objects.requireNonNull(readinessPath, "readinessPath");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.parentEnvironment = Map.copyOf(parentEnvironment);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }

    /** The log file of an instance. */
    public Path logFile(String id) {
        return logs.resolve(id + ".log");
    }

    @Override
    public synchronized Instance launch(String id, VersionSpec version, String schema) {
        int port = pickPort(version.ports());
        List<String> command = new ArrayList<>(Sessions.prefix());
        command.addAll(version.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(version.directory().toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment(port, schema, version));
        Path log = logFile(id);
        Watchdog guard = watchdog();
        String launch = launchToken();
        env.put(Watchdog.LAUNCH_VARIABLE, launch);
        guard.expect(launch);
        try {
            Files.createDirectories(logs);
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = builder.start();
            process.getOutputStream().close();
            ProcessInstance instance = new ProcessInstance(id, version.version(), port, process, http, readinessPath);
            launches.put(instance, launch);
            instance.process().ifPresent(p -> guard.watch(launch, p));
            taken.add(port);
            process.onExit().thenRun(() -> ended(port, instance));
            return instance;
        } catch (IOException e) {
            guard.forget(launch);
            throw new UncheckedIOException("cannot start " + id + " (" + String.join(" ", version.command()) + "): "
                    + e.getMessage(), e);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token for one launch: 128 random bits in hex. */
    private static String launchToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The environment of an instance; see the class comment. */
    Map<String, String> environment(int port, String schema, VersionSpec version) {
        Map<String, String> env = new HashMap<>();
        parentEnvironment.forEach((name, value) -> {
            if (INHERITED.contains(name)) {
                env.put(name, value);
            }
        });
        env.put("PORT", Integer.toString(port));
        if (!schema.isEmpty()) {
            env.put("TUESDAY_SCHEMA", schema);
        }
        database.ifPresent(db -> {
            env.put("TUESDAY_DATABASE_URL", db.url());
            env.put("DATABASE_URL", db.url());
            db.user().ifPresent(user -> env.put("DATABASE_USER", user));
            db.password().ifPresent(password -> env.put("DATABASE_PASSWORD", password));
        });
        env.putAll(version.env());
        return env;
    }

    /** The instance outlives this process from now on: it serves, and the release that started it ends. */
    @Override
    public synchronized void handOver(Instance instance) {
        forget(instance);
    }

    /** Tells the watchdog to leave {@code instance} alone, by its launch: it may have no known PID. */
    private void forget(Instance instance) {
        String launch = launches.remove(instance);
        if (watchdog != null && launch != null) {
            watchdog.forget(launch);
        }
    }

    private synchronized Watchdog watchdog() {
        if (watchdog == null) {
            watchdog = Watchdog.start(grace, logs.resolve("watchdog.log"));
        }
        return watchdog;
    }

    private synchronized void ended(int port, Instance instance) {
        taken.remove(port);
        forget(instance);
    }

    /**
     * Stops, as the death of this process would, every instance not handed over, and lets the
     * others run on.
     */
    @Override
    public synchronized void close() {
        if (watchdog != null) {
            watchdog.close();
        }
    }
    private int pickPort(PortRange range) {
        if (range.isAny()) {
            return bind(0).orElseThrow(() -> new IllegalStateException("no free port on 127.0.0.1"));
        }
        for (int port = range.first(); port <= range.last(); port++) {
            if (!taken.contains(port) && bind(port).isPresent()) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + range + " on 127.0.0.1");
    }

    private static Optional<Integer> bind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return Optional.of(socket.getLocalPort());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
