package dev.tuesday.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where the database is and how to log in, shared by every command that talks to it.
 *
 * <p>The URL comes from {@code --url}, {@code --url-file} or the environment
 * ({@code TUESDAY_DATABASE_URL}); without any, the embedded PostgreSQL. A password is never
 * taken from the command line, where every local user can read it ({@code ps}): {@code --url}
 * with a password is refused. It comes from {@code --password-file}, {@code PGPASSWORD}, or a
 * URL read from the environment or a file. Files holding secrets must be readable by their owner only.
 */
final class DatabaseOptions {

    @Option(names = "--url", paramLabel = "URL", arity = "0..1", fallbackValue = "",
            description = "JDBC (jdbc:postgresql://…) or postgres:// URL of the database, without password (the"
                    + " command line shows in ps). Default: env TUESDAY_DATABASE_URL, else the embedded PostgreSQL"
                    + " in .tuesday/postgres.")
    String url;

    @Option(names = "--url-file", paramLabel = "FILE",
            description = "Read the URL from the first line of FILE (mode 0600); it may carry the password.")
    Path urlFile;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE (mode 0600). Default: env PGPASSWORD,"
                    + " else the URL's.")
    Path passwordFile;

    /** True when {@code --url} was given without a value (a flag for {@code migrate latest}). */
    boolean urlFlagAlone() {
        return url != null && url.isEmpty();
    }

    Database open() {
        return open(System.getenv());
    }

    /**
     * Opens the database these options and {@code env} name.
     *
     * @throws IllegalArgumentException when a password is on the command line, or two sources of
     *                                  the URL are given
     */
    Database open(Map<String, String> env) {
        Optional<String> given = given(env);
        if (given.isEmpty()) {
            if (passwordFile != null) {
                throw new IllegalArgumentException("--password-file needs a URL (--url, --url-file or"
                        + " TUESDAY_DATABASE_URL); the embedded PostgreSQL has its own password");
            }
            return Database.embedded();
        }
        String password = passwordFile != null ? firstLine(passwordFile, "--password-file") : env.get("PGPASSWORD");
        return Database.at(DatabaseUrl.toJdbc(given.get()), password == null || password.isEmpty() ? null : password);
    }

    /**
     * The JDBC URL these options and {@code env} name, its password hidden, without connecting;
     * empty for the embedded default, whose port is known once it runs.
     */
    Optional<String> printableUrl(Map<String, String> env) {
        return given(env).map(DatabaseUrl::toJdbc).map(DatabaseUrl::redact);
    }

    /** The URL as given on the command line, in the file or in the environment; empty for the embedded default. */
    private Optional<String> given(Map<String, String> env) {
        String given = url == null || url.isBlank() ? null : url.strip();
        if (given != null && DatabaseUrl.hasPassword(given)) {
            throw new IllegalArgumentException("--url carries a password, which every local user can read in ps:"
                    + " give the URL in TUESDAY_DATABASE_URL or --url-file, or the password in PGPASSWORD or --password-file");
        }
        if (given != null && urlFile != null) {
            throw new IllegalArgumentException("give --url or --url-file, not both");
        }
        if (urlFile != null) {
            given = firstLine(urlFile, "--url-file");
        }
        if (given == null) {
            String fromEnv = env.get("TUESDAY_DATABASE_URL");
            given = fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
        }
        return Optional.ofNullable(given);
    }

    /** The first line of a file that holds a secret; refused when others may read the file. */
    private static String firstLine(Path file, String option) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new IllegalArgumentException(option + ": " + file + " can be read by other users: chmod 600 " + file);
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                throw new IllegalArgumentException(option + ": " + file + " is empty");
            }
            return lines.get(0).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(option + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
