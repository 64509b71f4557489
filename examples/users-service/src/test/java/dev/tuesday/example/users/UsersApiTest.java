package dev.tuesday.example.users;

import static dev.tuesday.example.users.ServiceTestSupport.awaitStatus;
import static dev.tuesday.example.users.ServiceTestSupport.databaseWithUsers;
import static dev.tuesday.example.users.ServiceTestSupport.env;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API itself, the fault settings the rollout tests rely on, and bad settings. */
class UsersApiTest {

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    private static RawHttp.Answered call(int port, String method, String path, String body) {
        RawHttp.Outcome o = RawHttp.send(port, method, path, body, Duration.ofSeconds(10));
        assertThat(o).isInstanceOf(RawHttp.Answered.class);
        return (RawHttp.Answered) o;
    }

    @Test
    void v1CreatesReadsPagesAndUpdatesUsersAndAnswersClearErrors() throws Exception {
        TestDatabase db = databaseWithUsers(postgres, "api");
        try (ServiceProcess service = ServiceProcess.start(env(db, db.server().port()))) {
            int port = service.port();
            assertThat(awaitStatus(port, "/readyz", 200, Duration.ofSeconds(15))).as(service.output()).isNotNegative();

            RawHttp.Answered created = call(port, "POST", "/users", "{\"name\":\"Grace Hopper\",\"email\":\"grace@example.org\"}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body()).isEqualTo("{\"id\":2,\"name\":\"Grace Hopper\",\"email\":\"grace@example.org\"}");
            call(port, "POST", "/users", "{\"name\":\"Alan Turing\",\"email\":\"alan@example.org\"}");

            assertThat(call(port, "GET", "/users/2", null).body()).contains("\"name\":\"Grace Hopper\"");
            RawHttp.Answered page = call(port, "GET", "/users?after=0&limit=2", null);
            assertThat(page.body()).contains("Ada Lovelace").contains("Grace Hopper").doesNotContain("Alan").endsWith("\"next\":2}");
            assertThat(call(port, "GET", "/users?after=2&limit=2", null).body()).contains("Alan Turing").endsWith("\"next\":null}");

            RawHttp.Answered updated = call(port, "PUT", "/users/3", "{\"name\":\"Alan M. Turing\",\"email\":\"alan@example.org\"}");
            assertThat(updated.status()).isEqualTo(200);
            assertThat(call(port, "GET", "/users/3", null).body()).contains("Alan M. Turing");

            assertThat(call(port, "GET", "/users/99", null).status()).isEqualTo(404);
            assertThat(call(port, "PUT", "/users/99", "{\"name\":\"x\"}").status()).isEqualTo(404);
            RawHttp.Answered badJson = call(port, "POST", "/users", "{\"name\":");
            assertThat(badJson.status()).isEqualTo(400);
            assertThat(badJson.body()).contains("not valid JSON");
            assertThat(call(port, "POST", "/users", "{\"name\":42}").body()).contains("field name must be a string");
            assertThat(call(port, "GET", "/users/abc", null).body()).contains("user id must be a number");
            assertThat(call(port, "GET", "/users?limit=1000", null).status()).isEqualTo(400);
            assertThat(call(port, "DELETE", "/users/1", null).status()).isEqualTo(405);
        }
    }

    @Test
    void failRateAndDelayShapeTheAnswersOfTheApiButNotTheProbes() throws Exception {
        TestDatabase db = databaseWithUsers(postgres, "faults");
        try (ServiceProcess service = ServiceProcess.start(env(db, db.server().port(),
                "USERS_FAIL_RATE", "0.5", "USERS_DELAY", "500ms"))) {
            int port = service.port();
            assertThat(awaitStatus(port, "/readyz", 200, Duration.ofSeconds(15))).as(service.output()).isNotNegative();
            int failed = 0;
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                RawHttp.Answered a = call(port, "GET", "/users/1", null);
                assertThat(a.status()).isIn(200, 500);
                failed += a.status() == 500 ? 1 : 0;
                latencies.add(a.millis());
            }
            assertThat(failed).isBetween(2, 18);
            assertThat(latencies).allMatch(ms -> ms >= 500);
            RawHttp.Answered slow = call(port, "GET", "/users?delay=600ms", null);
            assertThat(slow.millis()).isGreaterThanOrEqualTo(1100);
            RawHttp.Answered probe = call(port, "GET", "/readyz", null);
            assertThat(probe.status()).isEqualTo(200);
            assertThat(probe.millis()).as("probes are not delayed").isLessThan(450);
        }
    }

    @Test
    void anInstanceSetToNeverBeReadyStaysOutOfRotation() throws Exception {
        TestDatabase db = databaseWithUsers(postgres, "never");
        try (ServiceProcess service = ServiceProcess.start(env(db, db.server().port(), "USERS_NEVER_READY", "true"))) {
            int port = service.port();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline) {
                assertThat(ServiceTestSupport.status(port, "/readyz")).isEqualTo(503);
                assertThat(ServiceTestSupport.status(port, "/livez")).isEqualTo(200);
                ServiceProcess.sleep(200);
            }
            assertThat(service.output()).contains("never ready");
            assertThat(call(port, "GET", "/users/1", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aBadSettingStopsTheServiceWithOneLineNamingIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), UsersService.class.getName())
                .redirectErrorStream(true);
        pb.environment().put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/x");
        pb.environment().put("DATABASE_USER", "app");
        pb.environment().put("USERS_FAIL_RATE", "lots");
        Process p = pb.start();
        String out = readAll(p);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out.strip()).isEqualTo("users-service: USERS_FAIL_RATE must be a number, got 'lots'");
    }

    private static String readAll(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
