package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Fingerprint;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import dev.tuesday.testsupport.RunningExampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kill -9} at each step of a start made while another migration is active (the older
 * step's sync function widened, the new columns, triggers, backfill, validation), at each step
 * of complete of the oldest of two, and at each step of rollback of the newest: every live
 * version keeps writing, and the command run again, then the rest of the chain completed, ends
 * in the shape an uninterrupted run gives, with every row.
 */
class ChainKillTest {

    private static final int SEEDED = 500;

    @OnOldestAndNewestPostgres
    void killedAtAnyStepOfASecondStartItFinishesWhenRunAgain(int pg) throws Exception {
        Path dir = Files.createTempDirectory("chain-kill");
        Path second = Files.writeString(dir.resolve("04_email_not_null.yaml"), """
                operations:
                  - alter_column:
                      table: users
                      column: email
                      nullable: false
                      up: coalesce(email, 'none@example.com')
                """);
        Database reference = withEmailActive(pg, dir);
        int steps = Kill9.eventsOfAWholeRun(reference, "start", second.toString());
        Migrator.configure().dataSource(reference.dataSource()).build().completeAll();
        List<String> finalShape = Fingerprint.of(reference.dataSource(), "public");
        System.out.println("PostgreSQL " + pg + ": " + steps + " events of a chained start, a kill -9 at each");
        assertThat(steps).as("events of one start").isGreaterThan(5);

        for (int k = 1; k <= steps; k++) {
            Database db = withEmailActive(pg, dir);
            String at = Kill9.killAt(db, k, steps, "start", second.toString());
            Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
            oldVersionsWrite(db, at, k);
            m.start(second);
            assertThat(m.status().chain()).as(at).hasSize(2);
            m.completeAll();
            assertThat(Fingerprint.diff(finalShape, Fingerprint.of(db.dataSource(), "public")))
                    .as(at + ", then start and complete --all").isEmpty();
            assertThat(rows(db)).as(at + ": every row").isEqualTo(SEEDED + 2);
            assertThat(db.value("SELECT count(*) FROM public.users WHERE email IS NULL")).as(at).isEqualTo("0");
        }
    }

    @OnOldestAndNewestPostgres
    void killedAtAnyStepOfCompletingTheOldestItFinishesWhenRunAgain(int pg) throws Exception {
        Path dir = Files.createTempDirectory("chain-kill");
        Database reference = withChainActive(pg, dir);
        int steps = Kill9.eventsOfAWholeRun(reference, "complete");
        assertThat(Migrator.configure().dataSource(reference.dataSource()).build().status().chain()).hasSize(1);
        Migrator.configure().dataSource(reference.dataSource()).build().completeAll();
        List<String> finalShape = Fingerprint.of(reference.dataSource(), "public");
        System.out.println("PostgreSQL " + pg + ": " + steps + " events of complete of the oldest, a kill -9 at each");

        for (int k = 1; k <= steps; k++) {
            Database db = withChainActive(pg, dir);
            String at = Kill9.killAt(db, k, steps, "complete");
            Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
            // The newer versions write whatever the kill left.
            db.exec("INSERT INTO public_02_email.users (name, email) VALUES ('a " + k + "', 'a" + k + "@example.com')");
            db.exec("INSERT INTO public_04_email_not_null.users (name, email) VALUES ('c " + k + "', 'c" + k
                    + "@example.com')");
            assertThat(m.completeAll()).as(at).isNotEmpty();
            assertThat(Fingerprint.diff(finalShape, Fingerprint.of(db.dataSource(), "public")))
                    .as(at + ", then complete --all").isEmpty();
            assertThat(rows(db)).as(at + ": every row").isEqualTo(SEEDED + 3);
            assertThat(db.value("SELECT count(*) FROM public.users WHERE email IS NULL")).as(at).isEqualTo("0");
        }
    }

    @OnOldestAndNewestPostgres
    void killedAtAnyStepOfRollingBackTheNewestItFinishesWhenRunAgain(int pg) throws Exception {
        Path dir = Files.createTempDirectory("chain-kill");
        Database reference = withChainActive(pg, dir);
        int steps = Kill9.eventsOfAWholeRun(reference, "rollback");
        Migrator.configure().dataSource(reference.dataSource()).build().completeAll();
        List<String> finalShape = Fingerprint.of(reference.dataSource(), "public");
        System.out.println("PostgreSQL " + pg + ": " + steps + " events of rollback of the newest, a kill -9 at each");
        assertThat(steps).as("events of one rollback").isGreaterThan(1);

        for (int k = 1; k <= steps; k++) {
            Database db = withChainActive(pg, dir);
            String at = Kill9.killAt(db, k, steps, "rollback");
            Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
            // The two older versions write whatever the kill left, each on its own schema: the
            // older step's sync must still tell them apart.
            db.exec("INSERT INTO public_01_create_users.users (name) VALUES ('old " + k + "')");
            writeAsVersion(db, "public_02_email", "INSERT INTO users (name, email) VALUES ('a " + k + "', 'a" + k + "@x')");
            // Run again by name: killed after its end, it does nothing (a bare rollback would undo the older step).
            m.rollback("04_email_not_null");
            assertThat(db.value("SELECT email FROM public_02_email.users WHERE name = 'old " + k + "'"))
                    .as(at + ": v1's write got the first step's up").isEqualTo("old " + k + "@example.com");
            assertThat(db.value("SELECT email FROM public_02_email.users WHERE name = 'a " + k + "'"))
                    .as(at + ": the older active version's write kept its value").isEqualTo("a" + k + "@x");
            assertThat(m.status().chain()).as(at + ", then rollback again").hasSize(1);
            writeAsVersion(db, "public_02_email", "INSERT INTO users (name, email) VALUES ('after " + k + "', 'after" + k + "@x')");
            assertThat(db.value("SELECT email FROM public_02_email.users WHERE name = 'after " + k + "'"))
                    .as(at + ": the active version's own writes keep their values").isEqualTo("after" + k + "@x");
            m.completeAll();
            assertThat(Fingerprint.diff(finalShape, Fingerprint.of(db.dataSource(), "public")))
                    .as(at + ", then rollback and complete --all").isEmpty();
            assertThat(rows(db)).as(at + ": every row").isEqualTo(SEEDED + 4);
        }
    }

    /** Runs {@code sql} on a connection of the version whose schema is {@code schema}, as its application would. */
    private static void writeAsVersion(Database db, String schema, String sql) throws Exception {
        try (var c = db.dataSource(schema).getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** v1 and the active version write after the kill, whatever it left. */
    private static void oldVersionsWrite(Database db, String at, int k) {
        db.exec("INSERT INTO public_01_create_users.users (name) VALUES ('old " + k + "')");
        db.exec("INSERT INTO public_02_email.users (name, email) VALUES ('a " + k + "', NULL)");
        assertThat(rows(db)).as(at + ": the old versions write").isEqualTo(SEEDED + 2);
    }

    /** The running example's table, seeded, with {@code 02_email} active. */
    private static Database withEmailActive(int pg, Path dir) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(MigrationFile.read(RunningExampleFiles.createUsers(dir)), true);
        db.exec("INSERT INTO users (name) SELECT 'seed-' || g FROM generate_series(1, " + SEEDED + ") g");
        m.start(ChainedMigrationsTest.addEmail());
        return db;
    }

    /** As {@link #withEmailActive}, with {@code 04_email_not_null} started on it. */
    private static Database withChainActive(int pg, Path dir) throws Exception {
        Database db = withEmailActive(pg, dir);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(ChainedMigrationsTest.emailNotNull());
        db.exec("INSERT INTO public_01_create_users.users (name) VALUES ('v1 before the kill')");
        return db;
    }

    private static long rows(Database db) {
        return Long.parseLong(db.value("SELECT count(*) FROM public.users"));
    }
}
