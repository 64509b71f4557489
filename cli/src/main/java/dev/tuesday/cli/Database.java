package dev.tuesday.cli;

import dev.tuesday.embedded.PostgresServer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database a command works on: the one {@code --url} names, or the embedded default — started
 * for the command and stopped after it when it was not already running.
 */
final class Database implements AutoCloseable {

    private final String jdbcUrl;
    private final DataSource dataSource;
    private final PostgresServer startedHere;

    private Database(String jdbcUrl, PostgresServer startedHere) {
        this.jdbcUrl = jdbcUrl;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setApplicationName("tuesday");
        this.dataSource = ds;
        this.startedHere = startedHere;
    }

    static Database open(String url) {
        if (url != null && !url.isBlank()) {
            return new Database(DatabaseUrl.toJdbc(url.strip()), null);
        }
        var running = EmbeddedDefault.running();
        if (running.isPresent()) {
            return new Database(EmbeddedDefault.jdbcUrl(running.get()), null);
        }
        PostgresServer server = EmbeddedDefault.start();
        return new Database(EmbeddedDefault.jdbcUrl(server), server);
    }

    DataSource dataSource() {
        return dataSource;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        if (startedHere != null) {
            startedHere.stop();
        }
    }
}
