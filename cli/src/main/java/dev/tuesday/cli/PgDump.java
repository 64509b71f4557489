package dev.tuesday.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A schema's DDL as {@code pg_dump --schema-only} writes it, for {@code tuesday migrate baseline}.
 *
 * <p>The program is {@code TUESDAY_PG_DUMP}, else the newest {@code /usr/lib/postgresql/N/bin/pg_dump}
 * (Debian's layout), else {@code pg_dump} on {@code PATH}; it must be as new as the server, and
 * neither it nor its folder may be writable by another user. The password reaches it in its
 * environment ({@code PGPASSWORD}), never on its command line. Of its output, the session
 * settings ({@code SET …}, {@code set_config}) and psql's own commands are left out: the baseline's
 * SQL runs inside a Tuesday start, whose timeouts and search path must stay as they are.
 */
final class PgDump {
    private static final Pattern VERSION = Pattern.compile("pg_dump \\(PostgreSQL\\) (\\d+)");
    private static final long TIMEOUT_SECONDS = 300;
    private static final Pattern CREATE_SCHEMA = Pattern.compile("^CREATE SCHEMA ([^ ;]+);$");

    private PgDump() {
    }

    /** The DDL of {@code schema} in the database {@code db} names. */
    static String schemaSql(Database db, String schema, Map<String, String> env) throws SQLException {
        int server = serverMajor(db);
        Path program = program(env, server);
        PGSimpleDataSource ds = (PGSimpleDataSource) db.dataSource();
        List<String> command = new ArrayList<>(List.of(program.toString(), "--schema-only", "--no-owner",
                "--no-privileges", "--schema=" + pattern(schema), "--host", ds.getServerNames()[0], "--port",
                Integer.toString(ds.getPortNumbers()[0] == 0 ? 5432 : ds.getPortNumbers()[0])));
        if (ds.getUser() != null) {
            command.addAll(List.of("--username", ds.getUser()));
        }
        command.addAll(List.of("--dbname", ds.getDatabaseName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        if (ds.getPassword() != null) {
            builder.environment().put("PGPASSWORD", ds.getPassword());
        }
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        try {
            Process dump = builder.start();
            dump.getOutputStream().close();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(dump.getErrorStream()));
            String sql = read(dump.getInputStream());
            if (!dump.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
                throw new IllegalStateException(program + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (dump.exitValue() != 0) {
                throw new IllegalStateException(program + " failed (exit " + dump.exitValue() + "): "
                        + errors.join().strip().lines().findFirst().orElse(""));
            }
            return statements(sql);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + program + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + program + " ran", e);
        }
    }

    /**
     * The dump without its session settings, psql commands and comments; its {@code CREATE SCHEMA}
     * made {@code IF NOT EXISTS}, since a new database has {@code public} already.
     */
    static String statements(String dump) {
        return dump.lines()
                .filter(line -> !line.startsWith("SET ") && !line.startsWith("SELECT pg_catalog.set_config(")
                        && !line.startsWith("\\") && !line.startsWith("--"))
                .map(line -> CREATE_SCHEMA.matcher(line).replaceFirst("CREATE SCHEMA IF NOT EXISTS $1;"))
                .collect(Collectors.joining("\n")).replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    /** {@code schema} as a pg_dump pattern that matches it alone: in double quotes, which turn off wildcards. */
    private static String pattern(String schema) {
        return '"' + schema.replace("\"", "\"\"") + '"';
    }

    private static int serverMajor(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Path program(Map<String, String> env, int server) {
        String given = env.get("TUESDAY_PG_DUMP");
        List<Path> candidates = new ArrayList<>();
        if (given != null && !given.isBlank()) {
            candidates.add(Path.of(given));
        } else {
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable)
                        .sorted(Comparator.comparing((Path p) -> major(p).orElse(0)).reversed()).forEach(candidates::add);
            } catch (IOException e) {
                // Not Debian's layout: PATH only.
            }
            Stream.of(env.getOrDefault("PATH", "").split(":")).filter(d -> !d.isEmpty())
                    .map(d -> Path.of(d, "pg_dump")).filter(Files::isExecutable).findFirst().ifPresent(candidates::add);
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("baseline needs pg_dump " + server + " or newer to write the schema's DDL:"
                    + " install the PostgreSQL " + server + " client, or name it in TUESDAY_PG_DUMP");
        }
        for (Path candidate : candidates) {
            trusted(candidate);
            Optional<Integer> major = major(candidate);
            if (major.isPresent() && major.get() >= server) {
                return candidate;
            }
        }
        throw new IllegalStateException("baseline needs pg_dump " + server + " or newer (the server's version) to write"
                + " the schema's DDL; found " + candidates.stream().map(p -> p + " " + major(p).map(String::valueOf)
                .orElse("?")).collect(Collectors.joining(", ")) + ": install the PostgreSQL " + server
                + " client, or name it in TUESDAY_PG_DUMP");
    }

    /** Refuses a program that another user could have replaced: nothing runs from a place others can write. */
    private static void trusted(Path program) {
        Path real;
        try {
            real = program.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find " + program + ": " + e.getMessage(), e);
        }
        for (Path p : List.of(real, real.getParent())) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)) {
                    throw new IllegalStateException(p + " can be written by other users: pg_dump is not run from there");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot check " + p + ": " + e.getMessage(), e);
            }
        }
    }

    private static Optional<Integer> major(Path program) {
        try {
            Process version = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
            String out = read(version.getInputStream());
            version.waitFor(10, TimeUnit.SECONDS);
            Matcher m = VERSION.matcher(out);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
