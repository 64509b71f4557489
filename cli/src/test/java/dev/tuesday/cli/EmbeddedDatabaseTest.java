package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.embedded.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuesday db}: the embedded default keeps its password to itself until asked for the URL. */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    @Test
    void startHidesThePasswordAndUrlPrintsOneThatLogsIn() throws Exception {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            String started = tuesday("db", "start");
            String url = tuesday("db", "url").strip();
            Path dataDir = home.resolve("postgres");
            String password = new java.util.Properties() {{
                load(Files.newBufferedReader(dataDir.resolve(PostgresServer.PASSWORD_FILE)));
            }}.getProperty(EmbeddedDefault.ROLE);

            assertThat(started).contains("password=***").doesNotContain(password);
            assertThat(url).contains("password=").contains(password);
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(c.isValid(5)).isTrue();
            }
            String withoutPassword = url.substring(0, url.indexOf('?'));
            assertThatThrownBy(() -> DriverManager.getConnection(withoutPassword + "?user=postgres").close())
                    .isInstanceOf(SQLException.class);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(PostgresServer.PASSWORD_FILE))))
                    .isEqualTo("rw-------");
        } finally {
            tuesday("db", "stop");
        }
    }

    /** Runs the CLI in a JVM of its own whose embedded default lives in {@link #home}; returns its output. */
    private String tuesday(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Tuesday.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TUESDAY_HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
