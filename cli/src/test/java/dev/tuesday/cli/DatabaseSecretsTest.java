package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.testsupport.TemporaryPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/** Where the CLI takes a database password from, against a real server whose password has every awkward character. */
class DatabaseSecretsTest {

    /** {@code &} and {@code =} would add a parameter if copied raw; {@code +} would turn into a space. */
    static final String PASSWORD = "a&user=postgres&b=c@d%e/f+g:h";
    /** The same in a libpq URL: {@code &}, {@code =}, {@code +} and {@code :} may stay raw there; {@code @ % /} may not. */
    static final String IN_LIBPQ_URL = "a&user=postgres&b=c%40d%25e%2Ff+g:h";

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    @TempDir
    Path dir;

    @BeforeAll
    static void ownerWithAnAwkwardPassword() throws Exception {
        PostgresServer server = postgres.server();
        server.createDatabase("secrets", "owner");
        try (Connection c = server.dataSource("postgres", PostgresServer.SUPERUSER).getConnection()) {
            c.unwrap(PGConnection.class).alterUserPassword("owner", PASSWORD.toCharArray(), "scram-sha-256");
        }
    }

    String libpqUrl() {
        return "postgres://owner:" + IN_LIBPQ_URL + "@127.0.0.1:" + postgres.server().port() + "/secrets";
    }

    String jdbcUrlWithoutPassword() {
        return postgres.server().jdbcUrl("secrets") + "?user=owner";
    }

    @Test
    void aLibpqUrlFromTheEnvironmentOrAFileLogsInWithItsDecodedPassword() throws Exception {
        DatabaseOptions fromEnv = new DatabaseOptions();
        assertThat(currentUser(fromEnv.open(Map.of("TUESDAY_DATABASE_URL", libpqUrl())))).isEqualTo("owner");

        DatabaseOptions fromFile = new DatabaseOptions();
        fromFile.urlFile = secretFile("url", libpqUrl());
        assertThat(currentUser(fromFile.open(Map.of()))).isEqualTo("owner");
    }

    @Test
    void aPasswordFromPgpasswordOrAFileGoesWithAUrlThatHasNone() throws Exception {
        DatabaseOptions env = new DatabaseOptions();
        env.url = jdbcUrlWithoutPassword();
        assertThat(currentUser(env.open(Map.of("PGPASSWORD", PASSWORD)))).isEqualTo("owner");

        Path passwordFile = secretFile("password", PASSWORD);
        var status = TuesdayCommandTest.run("migrate", "status", "--url", jdbcUrlWithoutPassword(),
                "--password-file", passwordFile.toString());
        assertThat(status.exit()).as(status.err()).isZero();

        Path wrong = secretFile("wrong", PASSWORD + "x");
        var refused = TuesdayCommandTest.run("migrate", "status", "--url", jdbcUrlWithoutPassword(),
                "--password-file", wrong.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("password authentication failed").doesNotContain(PASSWORD);
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedAndNotPrinted() {
        for (String url : new String[] {libpqUrl(), jdbcUrlWithoutPassword() + "&password=s3cret-on-argv"}) {
            var r = TuesdayCommandTest.run("migrate", "status", "--url", url);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("--url carries a password").contains("ps")
                    .doesNotContain(IN_LIBPQ_URL).doesNotContain("s3cret-on-argv");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void lintAndCheckRefuseAPasswordOnTheCommandLineToo() {
        String url = jdbcUrlWithoutPassword() + "&password=s3cret-on-argv";
        for (String[] args : new String[][] {{"lint", "--url", url, dir.toString()},
                {"check", "--url", url, "--migration", dir.resolve("02.sql").toString()}}) {
            String command = args[0];
            var r = TuesdayCommandTest.run(args);
            assertThat(r.exit()).as(command + ": " + r.err()).isNotZero();
            assertThat(r.err()).as(command).contains("--url carries a password").doesNotContain("s3cret-on-argv");
        }
    }

    @Test
    void aSecretFileOthersCanReadIsRefused() throws Exception {
        Path open = Files.writeString(dir.resolve("open-url"), libpqUrl());
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        var r = TuesdayCommandTest.run("migrate", "status", "--url-file", open.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("chmod 600").doesNotContain(IN_LIBPQ_URL);
    }

    @Test
    void latestPrintsAUrlWithItsPasswordHidden() throws Exception {
        Path urlFile = secretFile("url", libpqUrl());
        Path migration = Files.writeString(dir.resolve("01_t.yaml"), """
                operations:
                  - create_table: {name: t, columns: [{name: id, type: int, pk: true}]}
                """);
        var start = TuesdayCommandTest.run("migrate", "start", migration.toString(), "--url-file", urlFile.toString());
        assertThat(start.exit()).as(start.err()).isZero();
        var latest = TuesdayCommandTest.run("migrate", "latest", "--url", "--url-file", urlFile.toString());
        assertThat(latest.exit()).as(latest.err()).isZero();
        assertThat(latest.out().strip()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.server().port()
                + "/secrets?user=owner&password=***&currentSchema=public_01_t");
        assertThat(latest.out() + latest.err()).doesNotContain("c%40d").doesNotContain(DatabaseUrl.encode(PASSWORD));
    }

    @Test
    void givingBothUrlAndUrlFileIsRefused() throws Exception {
        DatabaseOptions both = new DatabaseOptions();
        both.url = jdbcUrlWithoutPassword();
        both.urlFile = secretFile("url", libpqUrl());
        assertThatThrownBy(() -> both.open(Map.of())).hasMessageContaining("not both");
    }

    private Path secretFile(String name, String content) throws Exception {
        Path file = Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content + "\n");
    }

    private static String currentUser(Database db) throws Exception {
        try (db; Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
