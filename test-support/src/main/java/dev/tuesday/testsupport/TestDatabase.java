package dev.tuesday.testsupport;

import dev.tuesday.embedded.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One database that a test made for itself on a {@link TemporaryPostgres} server, and how the
 * test or the application under test reaches it as its owner.
 */
public record TestDatabase(PostgresServer server, String name, String owner) {

    /** Connections as the owner. */
    public DataSource dataSource() {
        return server.dataSource(name, owner);
    }

    /** A JDBC URL without user or password; {@link #password()} goes beside it. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /**
     * A JDBC URL that carries the owner and the password: for a tool or an application that takes
     * only a URL. Never print it.
     */
    public String jdbcUrlWithPassword() {
        return server.jdbcUrl(name, owner);
    }

    /** The owner's password, for a child process's environment or a plan file. */
    public String password() {
        return server.password(owner);
    }

    /** Runs {@code statements} in order, as the owner, each committed on its own. */
    public void execute(String... statements) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
