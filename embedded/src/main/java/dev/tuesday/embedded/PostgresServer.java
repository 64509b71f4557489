package dev.tuesday.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
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
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server that Tuesday runs itself from zonky's embedded binaries: the CLI's default
 * database (data in {@code .tuesday/postgres}) and the server every test runs against.
 *
 * <p>The server is a plain {@code pg_ctl}-managed cluster on 127.0.0.1, so it can outlive the JVM
 * that started it ({@code tuesday db start}) and be found again by the next one through its
 * {@code postmaster.pid}.
 *
 * <p>Access: TCP on loopback only, no Unix socket, and {@code scram-sha-256} for every role. The
 * superuser {@code postgres} gets a random password at {@code initdb}; each role made by
 * {@link #createRole} or {@link #createDatabase} gets its own. They are kept in a 0600 file in the
 * 0700 data folder (see {@link #PASSWORD_FILE}), never on a command line, and reach applications
 * through {@link #dataSource} or {@link #jdbcUrl(String, String)}.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser that {@code initdb} creates. */
    public static final String SUPERUSER = "postgres";

    /** The file in the data folder that holds the roles' passwords, mode 0600. */
    public static final String PASSWORD_FILE = Passwords.FILE;

    private final PostgresBinaries binaries;
    private final Path dataDir;
    private final int port;
    private final boolean ownsLifetime;
    private final Passwords passwords;

    private PostgresServer(PostgresBinaries binaries, Path dataDir, int port, boolean ownsLifetime) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.passwords = new Passwords(dataDir);
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
                checkPasswords(dataDir);
                int port = Integer.parseInt(lines.get(3).trim());
                return Optional.of(new PostgresServer(PostgresBinaries.bundled(), dataDir, port, false));
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static PostgresServer start(PostgresBinaries binaries, Path dataDir, boolean fast, boolean owns) {
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initdb(binaries, dataDir, fast);
        }
        checkPasswords(dataDir);
        Path log = dataDir.resolve("server.log");
        for (int attempt = 1; ; attempt++) {
            // A free port can be taken by another process before the server binds it (test JVMs run side by side).
            int port = freePort();
            try {
                run(binaries, Duration.ofSeconds(90), "pg_ctl", "-D", dataDir.toString(), "-l", log.toString(), "-w",
                        "-t", "60", "-o", "-p " + port, "start");
                return new PostgresServer(binaries, dataDir, port, owns);
            } catch (IllegalStateException e) {
                if (attempt == 3 || !portTaken(log, port)) {
                    throw e;
                }
            }
        }
    }

    /** Whether the server log says the server could not bind {@code port}. */
    private static boolean portTaken(Path log, int port) {
        try {
            String text = Files.readString(log);
            return text.contains("could not bind") && text.contains("port " + port + "?");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes the cluster in a work folder beside {@code dataDir} and moves it into place once it
     * is configured and its superuser password is kept, so a process killed midway leaves either
     * no data folder or a complete one. The password reaches {@code initdb} through a 0600 file in
     * the 0700 work folder, deleted after.
     */
    private static void initdb(PostgresBinaries binaries, Path dataDir, boolean fast) {
        Path work;
        try {
            Files.createDirectories(dataDir.toAbsolutePath().getParent());
            work = Files.createTempDirectory(dataDir.toAbsolutePath().getParent(), "." + dataDir.getFileName() + ".init");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dataDir + ": " + e.getMessage(), e);
        }
        try {
            OsUser.own(work);
            String password = Passwords.random();
            Path pwfile = Files.createFile(work.resolve("pwfile"), Passwords.OWNER_ONLY);
            Files.writeString(pwfile, password + "\n");
            OsUser.handOver(pwfile);
            Path fresh = work.resolve("data");
            run(binaries, Duration.ofSeconds(120), "initdb", "-D", fresh.toString(), "-U", SUPERUSER,
                    "-A", "scram-sha-256", "--pwfile", pwfile.toString(), "-E", "UTF8", "--no-locale", "--no-sync");
            StringBuilder conf = new StringBuilder("\n# Tuesday\nlisten_addresses = '127.0.0.1'\n"
                    + "unix_socket_directories = ''\nmax_connections = 200\npassword_encryption = 'scram-sha-256'\n");
            if (fast) {
                conf.append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
            }
            Files.writeString(fresh.resolve("postgresql.conf"), conf, java.nio.file.StandardOpenOption.APPEND);
            new Passwords(fresh).create(SUPERUSER, password);
            Files.move(fresh, dataDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot initialise " + dataDir + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    /** A data folder from before passwords lets anyone in as superuser: refused, not used. */
    private static void checkPasswords(Path dataDir) {
        if (!new Passwords(dataDir).exist()) {
            throw new IllegalStateException("the PostgreSQL data folder " + dataDir + " has no " + Passwords.FILE
                    + " (made by an older Tuesday with passwordless access): stop that server (pg_ctl -D " + dataDir
                    + " stop), keep a dump of what you need and delete the folder; Tuesday then makes a new one");
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

    /** A JDBC URL for {@code database} on this server, without user or password. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + encode(database);
    }

    /**
     * A JDBC URL for {@code database} as {@code user} that carries the user's password, every part
     * URL-encoded: for handing to an application through its environment. Never print it.
     *
     * @throws IllegalArgumentException when this server did not make {@code user}
     */
    public String jdbcUrl(String database, String user) {
        return jdbcUrl(database) + "?user=" + encode(user) + "&password=" + encode(password(user));
    }

    /**
     * The password of {@code role}, for a child process's environment (for example
     * {@code DATABASE_PASSWORD}); never put it on a command line or in a log.
     *
     * @throws IllegalArgumentException when this server did not make {@code role}
     */
    public String password(String role) {
        return passwords.of(role).orElseThrow(() -> new IllegalArgumentException(
                "no password is known for role " + role + " on the PostgreSQL server in " + dataDir
                        + ": make it with createRole or createDatabase"));
    }

    /** A data source on {@code database} as {@code user}, with its password when this server made the role. */
    public DataSource dataSource(String database, String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(user);
        passwords.of(user).ifPresent(ds::setPassword);
        return ds;
    }

    /**
     * Creates login role {@code role} (not superuser) if missing, and gives it a random password
     * that this server keeps ({@link #password}, {@link #dataSource}, {@link #jdbcUrl(String, String)}).
     * The password is sent as a SCRAM verifier computed here, so not even the server's log can
     * show it. Safe to call again: the role keeps its password.
     */
    public void createRole(String role) {
        String password = passwords.ensure(role);
        try (Connection c = dataSource("postgres", SUPERUSER).getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + literal(role)
                    + ") THEN CREATE ROLE " + ident(role) + " LOGIN; END IF; END$$");
            c.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create role " + role + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates role {@code owner} (login, not superuser, see {@link #createRole}) if missing and a
     * new database it owns, whose {@code public} schema it also owns: the set-up an application
     * has in production. Returns a data source on it as {@code owner}.
     */
    public DataSource createDatabase(String database, String owner) {
        createRole(owner);
        try (Connection c = dataSource("postgres", SUPERUSER).getConnection(); Statement s = c.createStatement()) {
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

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
