package dev.tuesday.cli.demo;

import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.migrate.Migrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One run's database: the running example's first migration applied and {@code rows} users in it,
 * owned by the ordinary role {@code app}.
 *
 * @param name database name
 * @param jdbcUrl its URL (no user, no password)
 * @param password the password of {@code app}, for the services' environment only
 * @param dataSource connections as {@code app}
 */
record DemoDatabase(String name, String jdbcUrl, String password, DataSource dataSource) {

    static final String ROLE = "app";

    static DemoDatabase create(PostgresServer server, String name, Path migrations, int rows) {
        DataSource ds = server.createDatabase(name, ROLE);
        Migrator.configure().dataSource(ds).build().start(migrations.resolve("01_create_users.yaml"), true);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO public.users (name, email) SELECT 'user ' || g, 'user' || g || '@example.com'"
                    + " FROM generate_series(1, " + rows + ") g");
            s.execute("ANALYZE public.users");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed " + name + ": " + e.getMessage(), e);
        }
        return new DemoDatabase(name, server.jdbcUrl(name), server.password(ROLE), ds);
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "DemoDatabase[name=" + name + ", jdbcUrl=" + jdbcUrl + "]";
    }

    /** Runs one statement, as a deploy script would. */
    void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
