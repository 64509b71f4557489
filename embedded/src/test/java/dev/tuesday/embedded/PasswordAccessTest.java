package dev.tuesday.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordAccessTest {

    @ParameterizedTest
    @ValueSource(ints = {13, 18})
    void connectionsWithoutTheRightPasswordAreRefused(int major) throws Exception {
        try (PostgresServer server = PostgresServer.temporary(major)) {
            String url = server.jdbcUrl("postgres");
            assertThatThrownBy(() -> connect(url, PostgresServer.SUPERUSER, null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(url, PostgresServer.SUPERUSER, "postgres"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            server.createDatabase("app", "app_owner");
            assertThatThrownBy(() -> connect(server.jdbcUrl("app"), "app_owner", null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(server.jdbcUrl("app"), "app_owner", server.password(PostgresServer.SUPERUSER)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");

            try (Connection c = connect(url, PostgresServer.SUPERUSER, server.password(PostgresServer.SUPERUSER));
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('password_encryption'),"
                         + " (SELECT count(*) FROM pg_authid WHERE rolcanlogin AND rolpassword NOT LIKE 'SCRAM-SHA-256$%'),"
                         + " (SELECT count(*) FROM pg_hba_file_rules WHERE auth_method NOT IN ('scram-sha-256', 'reject'))")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("scram-sha-256");
                assertThat(rs.getLong(2)).as("login roles without a SCRAM verifier").isZero();
                assertThat(rs.getLong(3)).as("pg_hba lines that let a role in without its password").isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 18})
    void theUrlForApplicationsCarriesAnEncodedPasswordAndRolesKeepTheirs(int major) throws Exception {
        try (PostgresServer server = PostgresServer.temporary(major)) {
            server.createDatabase("my db", "app&user=postgres");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("my db", "app&user=postgres"));
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user, current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("app&user=postgres");
                assertThat(rs.getString(2)).isEqualTo("my db");
            }
            String before = server.password("app&user=postgres");
            server.createRole("app&user=postgres");
            assertThat(server.password("app&user=postgres")).isEqualTo(before);
            server.createRole("reader");
            assertThat(server.password("reader")).isNotEqualTo(before).hasSizeGreaterThanOrEqualTo(40);
            try (Connection c = server.dataSource("my db", "reader").getConnection()) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThatThrownBy(() -> server.jdbcUrl("app", "stranger")).hasMessageContaining("stranger");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {18})
    void passwordsStayInAnOwnerOnlyFileAndOffCommandLinesAndLogs(int major) throws Exception {
        try (PostgresServer server = PostgresServer.temporary(major)) {
            server.createDatabase("app", "app_owner");
            Path dataDir = server.dataDir();
            Path file = dataDir.resolve(PostgresServer.PASSWORD_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            List<String> secrets = List.of(server.password(PostgresServer.SUPERUSER), server.password("app_owner"));

            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
            String commandLine = Files.readString(Path.of("/proc/" + postmaster + "/cmdline")).replace('\0', ' ');
            assertThat(commandLine).contains("postgres");
            String log = Files.readString(dataDir.resolve("server.log"));
            try (var siblings = Files.list(dataDir.getParent())) {
                assertThat(siblings.map(p -> p.getFileName().toString())).as("no initdb work folder left").containsExactly("data");
            }
            for (String secret : secrets) {
                assertThat(commandLine).doesNotContain(secret);
                assertThat(log).doesNotContain(secret);
            }
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }
}
