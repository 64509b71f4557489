package dev.tuesday.cli;

import dev.tuesday.embedded.PostgresServer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database a command works on: the one the user named ({@link DatabaseOptions}), or the
 * embedded default — started for the command and stopped after it when it was not already running.
 */
final class Database implements AutoCloseable {

    private final String jdbcUrl;
    private final DataSource dataSource;
    private final PostgresServer startedHere;

    private Database(String jdbcUrl, String password, PostgresServer startedHere) {
        this.jdbcUrl = jdbcUrl;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setApplicationName("tuesday");
        this.dataSource = ds;
        this.startedHere = startedHere;
    }

    /** The database at {@code jdbcUrl}; {@code password}, when not null, wins over the URL's. */
    static Database at(String jdbcUrl, String password) {
        return new Database(jdbcUrl, password, null);
    }

    /** The embedded default, started if it is not running. */
    static Database embedded() {
        var running = EmbeddedDefault.running();
        if (running.isPresent()) {
            return new Database(EmbeddedDefault.jdbcUrl(running.get()), null, null);
        }
        PostgresServer server = EmbeddedDefault.start();
        return new Database(EmbeddedDefault.jdbcUrl(server), null, server);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL, its password (if it carries one) hidden: safe to print. */
    String printableUrl() {
        return DatabaseUrl.redact(jdbcUrl);
    }

    @Override
    public void close() {
        if (startedHere != null) {
            startedHere.stop();
        }
    }
}
