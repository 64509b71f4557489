package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Fingerprint;
import dev.tuesday.migrate.GrownSchema;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kill -9} of the process running {@code start} at each of its steps (reading what stands
 * on the columns, each expand step, the backfill, each build of a carried index, constraint,
 * foreign key and materialized view), on a schema that grew in production: the old version keeps
 * reading and writing, and then either {@code start} run again and {@code complete} end in the
 * shape an uninterrupted run gives, or {@code rollback} gives back the schema as it was; every row
 * is kept either way.
 */
class StartKillTest {

    @OnOldestAndNewestPostgres
    void killedAtAnyStepOfStartItFinishesWhenRunAgainOrRollsBackWithNothingLost(int pg) throws Exception {
        Path file = Files.createTempFile("02_change", ".yaml");
        Files.writeString(file, "name: 02_change\n" + GrownSchema.operations(GrownSchema.EMAIL_NOT_NULL, """
                - create_index: {name: users_created_at_idx, table: users, columns: [created_at]}
                - add_column:
                    table: events
                    up: CAST(kind AS text)
                    column: {name: kind_name, type: text, nullable: true}
                """));
        Database reference = loaded(pg);
        List<String> original = Fingerprint.of(reference.dataSource(), "public");
        long rows = rows(reference);
        int steps = Kill9.eventsOfAWholeRun(reference, "start", file.toString());
        Migrator.configure().dataSource(reference.dataSource()).build().complete();
        List<String> finalShape = Fingerprint.of(reference.dataSource(), "public");
        System.out.println("PostgreSQL " + pg + ": " + steps + " events of start, a kill -9 at each");
        assertThat(steps).as("events of one start").isGreaterThan(10);

        for (int k = 1; k <= steps; k++) {
            Database db = loaded(pg);
            String at = Kill9.killAt(db, k, steps, "start", file.toString());
            Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
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
        Database db = GrownSchema.fresh(pg);
        return db;
    }

    private static long rows(Database db) {
        return Long.parseLong(db.value("SELECT count(*) FROM public.users"));
    }
}
