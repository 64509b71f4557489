package dev.tuesday.example.users;

import static dev.tuesday.example.users.ServiceTestSupport.awaitStatus;
import static dev.tuesday.example.users.ServiceTestSupport.env;
import static dev.tuesday.example.users.ServiceTestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.VersionInUseException;
import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 3, line 2: v2 is ready only once its version schema exists, created by Tuesday's migration. */
class VersionSchemaReadinessTest {

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    private static final Path MIGRATIONS = Path.of("migrations");

    @Test
    void v2IsNotReadyUntilTheRenameMigrationStartedThenBothVersionsShareTheRows() throws Exception {
        TestDatabase versions = postgres.freshDatabase("versions", ServiceTestSupport.OWNER);
        DataSource ds = versions.dataSource();
        Migrator migrator = Migrator.configure().dataSource(ds).schema("public").build();
        migrator.start(MIGRATIONS.resolve("01_create_users.yaml"), true);
        versions.execute("INSERT INTO public.users (name, email) VALUES ('Ada Lovelace', 'ada@example.org')");

        try (ServiceProcess v1 = ServiceProcess.start(env(versions, versions.server().port(),
                        "USERS_VERSION", "v1", "TUESDAY_SCHEMA", "public_01_create_users"));
                ServiceProcess v2 = ServiceProcess.start(env(versions, versions.server().port(),
                        "USERS_VERSION", "v2", "TUESDAY_SCHEMA", "public_02_full_name"))) {
            assertThat(awaitStatus(v1.port(), "/readyz", 200, Duration.ofSeconds(15))).as(v1.output()).isNotNegative();
            assertThat(awaitStatus(v2.port(), "/startupz", 200, Duration.ofSeconds(15))).as(v2.output()).isNotNegative();
            for (int i = 0; i < 5; i++) {
                assertThat(status(v2.port(), "/readyz")).isEqualTo(503);
                ServiceProcess.sleep(200);
            }
            RawHttp.Answered verbose = (RawHttp.Answered) RawHttp.get(v2.port(), "/readyz?verbose", Duration.ofSeconds(5));
            assertThat(verbose.body()).contains("version schema public_02_full_name does not exist");

            migrator.start(MIGRATIONS.resolve("02_full_name.yaml"));
            // Cache TTL (1 s) + a check (1 s at most) + a margin.
            assertThat(awaitStatus(v2.port(), "/readyz", 200, Duration.ofSeconds(4))).isNotNegative();
            assertThat(status(v1.port(), "/readyz")).isEqualTo(200);

            RawHttp.Outcome created = RawHttp.send(v2.port(), "POST", "/users",
                    "{\"full_name\":\"Grace Hopper\",\"email\":\"grace@example.org\"}", Duration.ofSeconds(5));
            assertThat(created).isInstanceOfSatisfying(RawHttp.Answered.class, a -> {
                assertThat(a.status()).isEqualTo(201);
                assertThat(a.body()).contains("\"full_name\":\"Grace Hopper\"");
            });
            assertThat(body(v1.port(), "/users/2")).contains("\"name\":\"Grace Hopper\"");
            assertThat(body(v2.port(), "/users/1")).contains("\"full_name\":\"Ada Lovelace\"");

            RawHttp.Outcome renamed = RawHttp.send(v1.port(), "PUT", "/users/1",
                    "{\"name\":\"Augusta Ada King\",\"email\":\"ada@example.org\"}", Duration.ofSeconds(5));
            assertThat(renamed).isInstanceOfSatisfying(RawHttp.Answered.class, a -> assertThat(a.status()).isEqualTo(200));
            assertThat(body(v2.port(), "/users?after=0&limit=10")).contains("\"full_name\":\"Augusta Ada King\"")
                    .contains("\"full_name\":\"Grace Hopper\"");

            // v1's connections name its version schema: complete refuses to drop it under v1, and changes nothing.
            Migrator impatient = Migrator.configure().dataSource(ds).schema("public").versionInUseWait(Duration.ofMillis(500)).build();
            assertThatThrownBy(impatient::complete).isInstanceOf(VersionInUseException.class)
                    .hasMessageContaining("would drop version schema \"public_01_create_users\"")
                    .hasMessageContaining("public_01_create_users users-service-v1");
            assertThat(status(v1.port(), "/readyz")).isEqualTo(200);
            assertThat(body(v1.port(), "/users/1")).contains("\"name\":\"Augusta Ada King\"");

            Migrator.configure().dataSource(ds).schema("public").dropVersionInUse(true).build().complete();
            // Forced, the contract drops v1's version schema: v1 is no longer ready, v2 still is.
            assertThat(awaitStatus(v1.port(), "/readyz", 503, Duration.ofSeconds(4))).isNotNegative();
            assertThat(status(v2.port(), "/readyz")).isEqualTo(200);
            assertThat(body(v2.port(), "/users/2")).contains("\"full_name\":\"Grace Hopper\"");
        }
    }

    private static String body(int port, String path) {
        RawHttp.Outcome o = RawHttp.get(port, path, Duration.ofSeconds(5));
        assertThat(o).isInstanceOf(RawHttp.Answered.class);
        RawHttp.Answered a = (RawHttp.Answered) o;
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.body();
    }
}
