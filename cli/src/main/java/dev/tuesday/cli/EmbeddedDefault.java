package dev.tuesday.cli;

import dev.tuesday.embedded.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The database Tuesday uses when no URL is given: an embedded PostgreSQL whose data lives in
 * {@code .tuesday/postgres} under the working directory, so separate runs see the same database.
 * Applications connect as the ordinary role {@code tuesday} to database {@code tuesday}.
 */
final class EmbeddedDefault {

    static final String DATABASE = "tuesday";
    static final String ROLE = "tuesday";

    private EmbeddedDefault() {
    }

    /** The data folder: {@code $TUESDAY_HOME/postgres}, by default {@code ./.tuesday/postgres}. */
    static Path dataDir() {
        String home = System.getenv("TUESDAY_HOME");
        return (home == null || home.isBlank() ? Path.of(".tuesday") : Path.of(home)).toAbsolutePath().resolve("postgres");
    }

    static Optional<PostgresServer> running() {
        return PostgresServer.findRunning(dataDir());
    }

    /** Starts the server if it is not running; creates the role and database on first use. */
    static PostgresServer start() {
        boolean fresh = !Files.exists(dataDir().resolve("PG_VERSION"));
        PostgresServer server = PostgresServer.startPersistent(dataDir());
        if (fresh || !databaseExists(server)) {
            server.createDatabase(DATABASE, ROLE);
        }
        return server;
    }

    /** The URL applications use: role {@link #ROLE} with its password. Printed only on request ({@code tuesday db url}). */
    static String jdbcUrl(PostgresServer server) {
        return server.jdbcUrl(DATABASE, ROLE);
    }

    private static boolean databaseExists(PostgresServer server) {
        try (Connection c = server.dataSource("postgres", PostgresServer.SUPERUSER).getConnection();
             Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL in " + dataDir() + " does not answer: " + e.getMessage(), e);
        }
    }
}
