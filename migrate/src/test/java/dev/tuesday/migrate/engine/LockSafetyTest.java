package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.LockTimeoutException;
import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationEvent;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * While another session holds a lock on the table, start's DDL waits at most the lock timeout per
 * attempt, so other sessions' queries never queue behind it for longer than that.
 */
class LockSafetyTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(200);

    private static Migration addColumn() {
        return Migrations.addTextColumn("02_add_phone", "phone", "'+0 ' || id");
    }

    /** Runs {@code SELECT count(*) FROM users} in a loop and keeps the slowest one. */
    private static final class Prober implements AutoCloseable {
        final AtomicLong slowestNanos = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        Prober(Database db) {
            thread = Thread.ofPlatform().start(() -> {
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        s.executeQuery("SELECT count(*) FROM users").close();
                        slowestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    slowestNanos.set(Long.MAX_VALUE);
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }

    @OnOldestAndNewestPostgres
    void startRetriesBehindAConflictingLockWithoutMakingOthersWaitAndSucceedsOnceReleased(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        List<MigrationEvent> events = new CopyOnWriteArrayList<>();
        Migrator m = Migrator.configure().dataSource(db.dataSource()).lockTimeout(LOCK_TIMEOUT)
                .lockRetryDeadline(Duration.ofSeconds(30)).maxLockAttempts(100).listener(events::add).build();
        m.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name) SELECT 'n' || g FROM generate_series(1, 100) g");

        try (Connection holder = db.dataSource().getConnection(); Prober prober = new Prober(db)) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("SELECT * FROM users LIMIT 1").close(); // ACCESS SHARE until commit
            Thread starter = Thread.ofPlatform().start(() -> m.start(addColumn()));
            Thread.sleep(1500);
            assertThat(starter.isAlive()).as("start waits while the lock is held").isTrue();
            holder.commit();
            starter.join(30_000);
            assertThat(starter.isAlive()).isFalse();
            prober.close();
            assertThat(Duration.ofNanos(prober.slowestNanos.get()))
                    .as("slowest query of another session").isLessThan(LOCK_TIMEOUT.plusMillis(250));
        }
        assertThat(events).anyMatch(e -> e.message().startsWith("lock not available"));
        assertThat(db.value("SELECT count(*) FROM public_02_add_phone.users WHERE phone = '+0 ' || id")).isEqualTo("100");
    }

    @OnOldestAndNewestPostgres
    void startGivesUpAfterItsDeadlineWithNothingHalfDone(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).lockTimeout(Duration.ofMillis(100))
                .lockRetryDeadline(Duration.ofSeconds(1)).build();
        m.start(Migrations.createUsers(), true);
        List<String> before = db.catalog("public");

        try (Connection holder = db.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("SELECT * FROM users LIMIT 1").close();
            assertThatThrownBy(() -> m.start(addColumn())).isInstanceOf(LockTimeoutException.class)
                    .hasMessageContaining("add column \"phone\"").hasMessageContaining("attempts");
            holder.commit();
        }
        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_02_add_phone'")).isEqualTo("0");
        assertThat(m.status().active()).isEmpty();
        assertThat(m.latestVersionSchema()).contains("public_01_create_users");
        // Nothing is left to block a later attempt.
        m.start(addColumn(), true);
        assertThat(db.columns("public", "users")).containsExactly("id", "name", "email", "phone");
    }

    @OnOldestAndNewestPostgres
    void aBackfillBatchBehindARowLockKeepsTheBatchesBeforeItAndResumesAfterItOnceReleased(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator.configure().dataSource(db.dataSource()).build().start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (id, name) SELECT g, 'n' || g FROM generate_series(1, 10000) g");

        try (Connection holder = db.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            List<MigrationEvent> events = new CopyOnWriteArrayList<>();
            Migrator m = Migrator.configure().dataSource(db.dataSource()).lockTimeout(LOCK_TIMEOUT)
                    .lockRetryDeadline(Duration.ofSeconds(30)).maxLockAttempts(100).backfillBatchSize(100).listener(e -> {
                        events.add(e);
                        if (e.message().contains(" walking ")) {
                            // Once the DDL is done, the application holds row 5000, in the 50th batch, until it commits.
                            try {
                                holder.createStatement().executeQuery("SELECT * FROM users WHERE id = 5000 FOR UPDATE").close();
                            } catch (SQLException ex) {
                                throw new IllegalStateException(ex);
                            }
                        }
                    }).build();
            Thread starter = Thread.ofPlatform().start(() -> m.start(addColumn()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (events.stream().noneMatch(e -> e.message().startsWith("lock not available"))) {
                assertThat(System.nanoTime()).as("the backfill meets the held row").isLessThan(deadline);
                Thread.sleep(20);
            }
            // The batches before the held row committed with their progress; the one holding it did not.
            assertThat(db.value("SELECT rows || ' in ' || batches FROM tuesday.backfills")).isEqualTo("4900 in 49");
            assertThat(db.value("SELECT count(*) FROM users WHERE phone IS NOT NULL")).isEqualTo("4900");
            assertThat(starter.isAlive()).isTrue();
            holder.commit();
            starter.join(30_000);
            assertThat(starter.isAlive()).isFalse();
        }
        // 100 full batches and the final, empty one that finds the end: none done twice.
        assertThat(db.value("SELECT rows || ' in ' || batches FROM tuesday.backfills")).isEqualTo("10000 in 101");
        assertThat(db.value("SELECT count(*) FROM public_02_add_phone.users WHERE phone = '+0 ' || id")).isEqualTo("10000");
    }
}
