package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.MigrationEvent;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code kill -9} of the process running start in the middle of a 1M-row backfill; the next start
 * resumes after the last committed batch, redoes none, and every row ends up filled.
 */
class CrashResumeTest {

    private static final int ROWS = 1_000_000;

    @OnOldestAndNewestPostgres
    void backfillKilledMidwayResumesFromTheStoredBatchAndFillsEveryRow(int pg) throws Exception {
        Database db = usersWithRows(pg);
        killMidway(db, 150, "fixed");

        long batchesBefore = batches(db);
        long rowsBefore = Long.parseLong(db.value("SELECT rows FROM tuesday.backfills"));
        assertThat(batchesBefore).isLessThan(1001);
        // Progress and batches commit together: exactly the stored number of rows is filled.
        assertThat(rowsBefore).isEqualTo(batchesBefore * 1000);
        assertThat(Long.parseLong(db.value("SELECT count(*) FROM users WHERE label IS NOT NULL"))).isEqualTo(rowsBefore);
        assertThat(db.value("SELECT phase FROM tuesday.migrations WHERE status = 'active'")).isEqualTo("backfilling");

        List<MigrationEvent> events = new CopyOnWriteArrayList<>();
        Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(1000).listener(events::add).build()
                .start(CrashableStart.migration());

        assertThat(events).anyMatch(e -> e.message().contains("resuming after batch " + batchesBefore + " ("
                + rowsBefore + " rows)"));
        // 1000 full batches and the final, empty one that finds the end: none redone.
        assertThat(batches(db)).isEqualTo(1001);
        assertThat(db.value("SELECT rows FROM tuesday.backfills")).isEqualTo(String.valueOf(ROWS));
        assertThat(db.value("SELECT count(*) FROM users WHERE label = 'x' || name")).isEqualTo(String.valueOf(ROWS));
        assertThat(db.value("SELECT phase FROM tuesday.migrations WHERE status = 'active'")).isEqualTo("started");
    }

    @OnOldestAndNewestPostgres
    void backfillSizedByTimeKilledMidwayResumesAndFillsEveryRowOnce(int pg) throws Exception {
        Database db = usersWithRows(pg);
        killMidway(db, 30, "sized-by-time");

        long rowsBefore = Long.parseLong(db.value("SELECT rows FROM tuesday.backfills"));
        // Whatever size each batch had, it committed with its progress: exactly the stored rows are filled.
        assertThat(rowsBefore).isBetween(1L, (long) ROWS - 1);
        assertThat(Long.parseLong(db.value("SELECT count(*) FROM users WHERE label IS NOT NULL"))).isEqualTo(rowsBefore);

        List<MigrationEvent> events = new CopyOnWriteArrayList<>();
        Migrator.configure().dataSource(db.dataSource()).listener(events::add).build().start(CrashableStart.migration());

        assertThat(events).anyMatch(e -> e.message().contains("(" + rowsBefore + " rows)"));
        assertThat(db.value("SELECT rows FROM tuesday.backfills")).isEqualTo(String.valueOf(ROWS));
        assertThat(db.value("SELECT count(*) FROM users WHERE label = 'x' || name")).isEqualTo(String.valueOf(ROWS));
    }

    private static Database usersWithRows(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator.configure().dataSource(db.dataSource()).build().start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name, email) SELECT 'n' || g, 'e' || g FROM generate_series(1, " + ROWS + ") g",
                "VACUUM ANALYZE users");
        return db;
    }

    /** Runs {@link CrashableStart} in a child JVM and kills it with SIGKILL once {@code batches} are stored. */
    private static void killMidway(Database db, int batches, String sizing) throws Exception {
        Path log = Files.createTempFile("crashable-start", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashableStart.class.getName(), String.valueOf(db.server().port()), db.name(), TestDatabases.OWNER,
                sizing).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PGPASSWORD", db.server().password(TestDatabases.OWNER));
        Process child = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (batches(db) < batches) {
            assertThat(child.isAlive()).as("child still running; its log: " + Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("backfill progressing").isLessThan(deadline);
            Thread.sleep(20);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Kill9.waitUntilSessionsOf(db, child.pid());
        new File(log.toString()).delete();
    }

    private static long batches(Database db) {
        String v = db.value("SELECT batches FROM tuesday.backfills");
        return v == null ? 0 : Long.parseLong(v);
    }
}
