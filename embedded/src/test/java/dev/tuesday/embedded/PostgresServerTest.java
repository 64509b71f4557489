package dev.tuesday.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresServerTest {

    @ParameterizedTest
    @ValueSource(ints = {13, 14, 18})
    void startsTheAskedVersionAndHandsTheDatabaseToAnOrdinaryRole(int major) throws Exception {
        try (PostgresServer server = PostgresServer.temporary(major)) {
            DataSource app = server.createDatabase("app", "app_owner");
            try (Connection c = app.getConnection(); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000,"
                        + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)");
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(major);
                assertThat(rs.getBoolean(2)).isFalse();
                s.execute("CREATE TABLE public.t (id int)");
            }
        }
    }
}
