package dev.tuesday.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server that Tuesday runs itself from zonky's embedded binaries: the CLI's default
 * database (data in {@code .tuesday/postgres}) and the server every test runs against.
 *
 * <p>The server is a plain {@code pg_ctl}-managed cluster on 127.0.0.1, so it can outlive the JVM
 * that started it ({@code tuesday db start}) and be found again by the next one through its
 * {@code postmaster.pid}. Superuser {@code postgres}, trust authentication on loopback only.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser that {@code initdb} creates. */
    public static final String SUPERUSER = "postgres";

    private final PostgresBinaries binaries;
    private final Path dataDir;
    private final int port;
    private final boolean ownsLifetime;

    private PostgresServer(PostgresBinaries binaries, Path dataDir, int port, boolean ownsLifetime) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.port = port;
        this.ownsLifetime = ownsLifetime;
    }

    /**
     * A throw-away server for tests: a fresh cluster in a temporary folder, tuned for speed
     * (no fsync), stopped and deleted when closed or when the JVM exits.
     *
     * @param major PostgreSQL major version (13 to 18), or 0 for the bundled newest one
     */
    public static PostgresServer temporary(int major) {
        try {
            Path dir = Files.createTempDirectory("tuesday-pg-" + major + "-");
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            PostgresServer server = start(PostgresBinaries.forMajor(major), dir.resolve("data"), true, true);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tuesday-pg-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The server whose data lives in {@code dataDir}: found running, or initialised when the
     * folder is new, and started. Stays up after this JVM exits until {@link #stop()}.
     */
    public static PostgresServer startPersistent(Path dataDir) {
        Optional<PostgresServer> running = findRunning(dataDir);
        return running.orElseGet(() -> start(PostgresBinaries.bundled(), dataDir, false, false));
    }

    /** The server running on {@code dataDir}, if one is. */
    public static Optional<PostgresServer> findRunning(Path dataDir) {
        Path pid = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pid)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pid);
            // postmaster.pid: pid, data dir, start time, port, socket dir, listen address, shmem key, status
            if (lines.size() < 8 || !lines.get(7).trim().equals("ready")) {
                return Optional.empty();
            }
            long processId = Long.parseLong(lines.get(0).trim());
            if (ProcessHandle.of(processId).map(ProcessHandle::isAlive).orElse(false)) {
                int port = Integer.parseInt(lines.get(3).trim());
                return Optional.of(new PostgresServer(PostgresBinaries.bundled(), dataDir, port, false));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static PostgresServer start(PostgresBinaries binaries, Path dataDir, boolean fast, boolean owns) {
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initdb(binaries, dataDir, fast);
        }
        int port = freePort();
        List<String> options = new ArrayList<>(List.of("-p " + port));
        run(binaries, Duration.ofSeconds(90), "pg_ctl", "-D", dataDir.toString(), "-l",
                dataDir.resolve("server.log").toString(), "-w", "-t", "60", "-o", String.join(" ", options), "start");
        return new PostgresServer(binaries, dataDir, port, owns);
    }

    private static void initdb(PostgresBinaries binaries, Path dataDir, boolean fast) {
        OsUser.own(dataDir);
        run(binaries, Duration.ofSeconds(120), "initdb", "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync");
        StringBuilder conf = new StringBuilder("\n# Tuesday\nlisten_addresses = '127.0.0.1'\n"
                + "unix_socket_directories = ''\nmax_connections = 200\n");
        if (fast) {
            conf.append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        try {
            Files.writeString(dataDir.resolve("postgresql.conf"), conf, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void run(PostgresBinaries binaries, Duration timeout, String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binaries.bin().resolve(tool).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(OsUser.wrap(command)).redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(tool + " did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(tool + " failed (exit " + p.exitValue() + "): " + new String(out).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + tool, e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The cluster's data folder. */
    public Path dataDir() {
        return dataDir;
    }

    /** A JDBC URL for {@code database} on this server (no user in it). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A data source on {@code database} as {@code user}, no password (trust on loopback). */
    public DataSource dataSource(String database, String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(user);
        return ds;
    }

    /**
     * Creates role {@code owner} (login, not superuser) if missing and a new database it owns,
     * whose {@code public} schema it also owns: the set-up an application has in production.
     */
    public DataSource createDatabase(String database, String owner) {
        try (Connection c = dataSource("postgres", SUPERUSER).getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + literal(owner)
                    + ") THEN CREATE ROLE " + ident(owner) + " LOGIN; END IF; END$$");
            s.execute("CREATE DATABASE " + ident(database) + " OWNER " + ident(owner));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
        try (Connection c = dataSource(database, SUPERUSER).getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER SCHEMA public OWNER TO " + ident(owner));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hand schema public to " + owner + ": " + e.getMessage(), e);
        }
        return dataSource(database, owner);
    }

    /** Stops the server (fast shutdown: open sessions are ended, nothing committed is lost). */
    public void stop() {
        run(binaries, Duration.ofSeconds(60), "pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop");
    }

    /** Stops a server this object started for a test and deletes its folder; leaves others running. */
    @Override
    public void close() {
        if (!ownsLifetime || !Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("tuesday: could not stop PostgreSQL in " + dataDir + ": " + e.getMessage());
        }
        deleteTree(dataDir.getParent());
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leaving a temporary folder behind is harmless; the data is throw-away.
        }
    }

    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
