package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Fingerprint;
import dev.tuesday.migrate.GrownSchema;
import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.List;

/**
 * {@code kill -9} of the process running {@code complete} at each of its steps, inside the
 * contract's transaction too, on a schema that grew in production: at every moment the version
 * schema {@code latest} names exists and the versions the state says are live read and write;
 * {@code complete} run again ends in the shape an uninterrupted complete gives, with every row;
 * where the contract had not committed, {@code rollback} instead gives back the schema as it was
 * before start, with every row.
 */
class CompleteKillTest {

    /** Several kinds of step: a materialized view refreshed before the contract, checks validated
     *  and an index dropped concurrently after it, a rename and a swap in it. */
    private static Migration migration() {
        return Migrations.yaml("02_change", GrownSchema.operations(GrownSchema.EMAIL_NOT_NULL, GrownSchema.NAME_NOT_BLANK, """
                - drop_index: {name: users_status_created_at_idx}
                - rename_column: {table: users, from: locale, to: language}
                """));
    }

    @OnOldestAndNewestPostgres
    void killedAtAnyStepOfCompleteItFinishesWhenRunAgainOrRollsBackWithNothingLost(int pg) throws Exception {
        Database reference = started(pg);
        List<String> original = originalFingerprint(pg);
        long rows = rows(reference);
        int steps = Kill9.eventsOfAWholeRun(reference, "complete");
        List<String> finalShape = Fingerprint.of(reference.dataSource(), "public");
        System.out.println("PostgreSQL " + pg + ": " + steps + " events of complete, a kill -9 at each");
        assertThat(steps).as("events of one complete").isGreaterThan(5);

        for (int k = 1; k <= steps; k++) {
            Database db = started(pg);
            String at = Kill9.killAt(db, k, steps, "complete");
            String phase = db.value("SELECT phase FROM tuesday.migrations WHERE name = '02_change'");
            String latest = Migrator.configure().dataSource(db.dataSource()).build().latestVersionSchema().orElseThrow();
            assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = '" + latest + "'")).as(at + ": latest exists")
                    .isEqualTo("1");
            assertThat(phase).as(at).isIn("started", "contracted", "done");
            writeThroughTheLiveVersions(db, phase, k);
            long written = rows + ("started".equals(phase) ? 2 : 1);
            if ("done".equals(phase)) {
                assertThat(Fingerprint.diff(finalShape, Fingerprint.of(db.dataSource(), "public"))).as(at).isEmpty();
            } else if ("started".equals(phase) && k % 2 == 0) {
                Migrator.configure().dataSource(db.dataSource()).build().rollback();
                assertThat(Fingerprint.diff(original, Fingerprint.of(db.dataSource(), "public"))).as(at + ", then rollback")
                        .isEmpty();
            } else {
                Migrator.configure().dataSource(db.dataSource()).build().complete();
                assertThat(Fingerprint.diff(finalShape, Fingerprint.of(db.dataSource(), "public")))
                        .as(at + ", then complete again").isEmpty();
            }
            assertThat(rows(db)).as(at + ": every row").isEqualTo(written);
        }
    }

    private static Database started(int pg) {
        return TestDatabases.copyOf("CompleteKillTest started", pg, () -> {
            Database db = GrownSchema.fresh(pg);
            Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(100).build().start(migration());
            return db;
        });
    }

    private static List<String> originalFingerprint(int pg) {
        Database db = GrownSchema.fresh(pg);
        return Fingerprint.of(db.dataSource(), "public");
    }

    private static long rows(Database db) {
        return Long.parseLong(db.value("SELECT count(*) FROM public.users"));
    }

    /** One row through each version the state says is live: the old one until the contract, the new one always. */
    private static void writeThroughTheLiveVersions(Database db, String phase, int k) {
        if ("started".equals(phase)) {
            db.exec("INSERT INTO public.users (name, email, locale) VALUES ('old " + k + "', 'old" + k + "@example.com', 'de')");
        }
        db.exec("SET search_path = public_02_change, public",
                "INSERT INTO users (name, email, language) VALUES ('new " + k + "', 'new" + k + "@example.com', 'fr')");
    }

    /**
     * {@code kill -9} at each step of {@code rollback} (the copies on other tables dropped first, then
     * the shadows): the old version keeps writing, and {@code rollback} run again gives back the
     * schema as it was before start, with every row.
     */
    @OnOldestAndNewestPostgres
    void killedAtAnyStepOfRollbackItFinishesWhenRunAgainWithNothingLost(int pg) throws Exception {
        List<String> original = originalFingerprint(pg);
        Database reference = started(pg);
        long rows = rows(reference);
        int steps = Kill9.eventsOfAWholeRun(reference, "rollback");
        assertThat(Fingerprint.diff(original, Fingerprint.of(reference.dataSource(), "public"))).isEmpty();
        System.out.println("PostgreSQL " + pg + ": " + steps + " events of rollback, a kill -9 at each");

        for (int k = 1; k <= steps; k++) {
            Database db = started(pg);
            String at = Kill9.killAt(db, k, steps, "rollback");
            db.exec("INSERT INTO public.users (name, email, locale) VALUES ('old " + k + "', 'old" + k + "@example.com', 'de')");
            if (db.value("SELECT count(*) FROM tuesday.migrations WHERE status = 'active'").equals("1")) {
                Migrator.configure().dataSource(db.dataSource()).build().rollback();
            }
            assertThat(Fingerprint.diff(original, Fingerprint.of(db.dataSource(), "public"))).as(at + ", then rollback")
                    .isEmpty();
            assertThat(rows(db)).as(at + ": every row").isEqualTo(rows + 1);
        }
    }
}
