package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Fingerprint;
import dev.tuesday.migrate.GrownSchema;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kill -9} of the process running {@code start} at each of its steps (reading what stands
 * on the columns, each expand step, the backfill, each build of a carried index, constraint,
 * foreign key and materialized view), on a schema that grew in production: the old version keeps
 * reading and writing, and then either {@code start} run again and {@code complete} end in the
 * shape an uninterrupted run gives, or {@code rollback} gives back the schema as it was; every row
 * is kept either way.
 */
class StartKillTest {

    static Stream<Integer> versions() {
        return TestDatabases.versions();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void killedAtAnyStepOfStartItFinishesWhenRunAgainOrRollsBackWithNothingLost(int pg) throws Exception {
        Path file = Files.createTempFile("02_change", ".yaml");
        Files.writeString(file, """
                name: 02_change
                operations:
                  - alter_column:
                      table: users
                      column: email
                      nullable: false
                      up: coalesce(email, 'user' || id || '@example.invalid')
                      down: email
                  - create_index: {name: users_created_at_idx, table: users, columns: [created_at]}
                  - add_column:
                      table: events
                      up: CAST(kind AS text)
                      column: {name: kind_name, type: text, nullable: true}
                """);
        Database reference = loaded(pg);
        List<String> original = Fingerprint.of(reference.dataSource(), "public");
        long rows = rows(reference);
        Run uninterrupted = run(reference, Integer.MAX_VALUE, file);
        assertThat(uninterrupted.killedAt()).isEmpty();
        Migrator.configure().dataSource(reference.dataSource()).load().complete();
        List<String> finalShape = Fingerprint.of(reference.dataSource(), "public");
        int steps = uninterrupted.events();
        System.out.println("PostgreSQL " + pg + ": " + steps + " events of start, a kill -9 at each");
        assertThat(steps).as("events of one start").isGreaterThan(10);

        for (int k = 1; k <= steps; k++) {
            Database db = loaded(pg);
            Run killed = run(db, k, file);
            String at = "killed at event " + k + " of " + steps + " (" + killed.killedAt().orElse("?") + ")";
            Migrator m = Migrator.configure().dataSource(db.dataSource()).load();
            m.latestVersionSchema().ifPresent(latest -> assertThat(db.value(
                    "SELECT count(*) FROM pg_namespace WHERE nspname = '" + latest + "'")).as(at + ": latest exists")
                    .isEqualTo("1"));
            db.exec("INSERT INTO public.users (name, email) VALUES ('old " + k + "', 'old" + k + "@example.com')");
            assertThat(rows(db)).as(at + ": the old version writes").isEqualTo(rows + 1);
            if (k % 2 == 0 && db.value("SELECT count(*) FROM tuesday.migrations WHERE status = 'active'").equals("1")) {
                m.rollback();
                assertThat(Fingerprint.diff(original, Fingerprint.of(db.dataSource(), "public"))).as(at + ", then rollback")
                        .isEmpty();
            } else {
                m.start(file);
                m.complete();
                assertThat(Fingerprint.diff(finalShape, Fingerprint.of(db.dataSource(), "public")))
                        .as(at + ", then start and complete").isEmpty();
                assertThat(db.value("SELECT count(*) FROM events WHERE kind_name IS DISTINCT FROM CAST(kind AS text)"))
                        .as(at + ": every event backfilled").isEqualTo("0");
            }
            assertThat(rows(db)).as(at + ": every row").isEqualTo(rows + 1);
        }
        Files.delete(file);
    }

    private static Database loaded(int pg) {
        Database db = TestDatabases.fresh(pg);
        GrownSchema.load(db);
        return db;
    }

    private static long rows(Database db) {
        return Long.parseLong(db.value("SELECT count(*) FROM public.users"));
    }

    private record Run(Optional<String> killedAt, int events) {
    }

    private static Run run(Database db, int k, Path file) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KillableMigrator.class.getName(), String.valueOf(db.server().port()), db.name(), TestDatabases.OWNER,
                String.valueOf(k), "start", file.toString()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.add(line);
                if (line.startsWith("KILL ")) {
                    child.destroyForcibly(); // SIGKILL
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    CompleteKillTest.waitUntilSessionsOf(db, child.pid());
                    return new Run(Optional.of(line.substring(5)), k);
                }
                if (line.startsWith("DONE ")) {
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    return new Run(Optional.empty(), Integer.parseInt(line.substring(5)));
                }
            }
        }
        throw new AssertionError("the child ended without a word: " + String.join("\n", output));
    }
}
