package dev.tuesday.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs instances as child processes on 127.0.0.1.
 *
 * <p>Each process gets the version's {@code env} on top of this JVM's environment, plus
 * {@code PORT}, {@code TUESDAY_SCHEMA} (its version schema) and, when a database is configured,
 * {@code TUESDAY_DATABASE_URL} and {@code DATABASE_URL} (and {@code DATABASE_USER},
 * {@code DATABASE_PASSWORD} when set). Variables in the version's {@code env} win over these.
 * Standard output and error go to {@code <logs>/<id>.log}.
 *
 * <p>A port is taken from the version's range when nothing of ours holds it and it can be bound;
 * with no range the operating system picks a free one. Either way another program may grab the
 * port between the check and the child's bind: the instance then fails to start, and the release's
 * crash detection backs out.
 */
public final class Supervisor implements Launcher {
    private final Path logs;
    private final Optional<DatabaseSpec> database;
    private final String readinessPath;
    private final HttpClient http;
    private final Set<Integer> taken = new HashSet<>();

    /**
     * @param logs          folder for the instances' log files; created when missing
     * @param database      the database the instances use, if the plan names one
     * @param readinessPath the path {@link Instance#probeReady()} asks, for example {@code /readyz}
     */
    public Supervisor(Path logs, Optional<DatabaseSpec> database, String readinessPath) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.database = Objects.requireNonNull(database, "database");
        this.readinessPath = Objects.requireNonNull(readinessPath, "readinessPath");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }

    /** The log file of an instance. */
    public Path logFile(String id) {
        return logs.resolve(id + ".log");
    }

    @Override
    public synchronized Instance launch(String id, VersionSpec version, String schema) {
        int port = pickPort(version.ports());
        ProcessBuilder builder = new ProcessBuilder(version.command()).directory(version.directory().toFile());
        Map<String, String> env = builder.environment();
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
        Path log = logFile(id);
        try {
            Files.createDirectories(logs);
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = builder.start();
            process.getOutputStream().close();
            taken.add(port);
            process.onExit().thenRun(() -> release(port));
            return new ProcessInstance(id, version.version(), port, process, http, readinessPath);
        } catch (IOException e) {
            taken.remove(port);
            throw new UncheckedIOException("cannot start " + id + " (" + String.join(" ", version.command()) + "): "
                    + e.getMessage(), e);
        }
    }

    private synchronized void release(int port) {
        taken.remove(port);
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
