package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.LockHeldException;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;

/** Two Tuesdays on one schema: the second names the first, or waits for it when asked. */
class TwoMigratorsTest {

    @OnOldestAndNewestPostgres
    void secondMigratorNamesTheHolderOrWaitsForItWhenAsked(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator first = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(20)
                .backfillDelay(Duration.ofMillis(40)).build();
        first.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name) SELECT 'n' || g FROM generate_series(1, 1000) g");

        // About 50 batches with a pause each: the first migrator holds the lock for a couple of seconds.
        Thread starter = Thread.ofPlatform().start(() -> first.start(Migrations.addFullNameDropName()));
        waitUntil(() -> "backfilling".equals(db.value("SELECT phase FROM tuesday.migrations WHERE status = 'active'")));

        Migrator second = Migrator.configure().dataSource(db.dataSource()).build();
        assertThatThrownBy(second::complete).isInstanceOfSatisfying(LockHeldException.class, e -> {
            assertThat(e.pid()).isPositive();
            assertThat(e.applicationName()).startsWith("tuesday migrate start (pid " + ProcessHandle.current().pid());
            assertThat(e.since()).isNotNull();
            assertThat(e.getMessage()).contains("schema \"public\" is being migrated by another Tuesday process")
                    .contains("tuesday migrate start").contains("backend pid " + e.pid());
        });

        Migrator waiting = Migrator.configure().dataSource(db.dataSource()).waitForTuesdayLock(true).build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread completer = Thread.ofPlatform().start(() -> {
            try {
                waiting.complete();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Thread.sleep(300);
        assertThat(completer.isAlive()).as("the waiting migrator waits while the first one works").isTrue();
        starter.join(60_000);
        completer.join(60_000);
        assertThat(failure.get()).isNull();
        assertThat(db.value("SELECT status FROM tuesday.migrations WHERE name = '02_full_name'")).isEqualTo("complete");
        assertThat(db.value("SELECT count(*) FROM users WHERE full_name = 'n' || id")).isEqualTo("1000");
    }

    @OnOldestAndNewestPostgres
    void theLockOutlivesAnIdleSessionTimeoutForTheWholeCommand(int pg) throws Exception {
        Assumptions.assumeTrue(pg >= 14, "idle_session_timeout came with PostgreSQL 14");
        Database db = TestDatabases.fresh(pg);
        Migrator first = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(20)
                .backfillDelay(Duration.ofMillis(100)).build();
        first.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name) SELECT 'n' || g FROM generate_series(1, 1000) g",
                // This database's sessions only: the server is shared by the module's other tests.
                "ALTER DATABASE \"" + db.name() + "\" SET idle_session_timeout = '1s'");

        // About 50 batches, 100 ms apart: five seconds, five times the idle timeout of the role's sessions.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread starter = Thread.ofPlatform().start(() -> {
            try {
                first.start(Migrations.addFullNameDropName());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        waitUntil(() -> "backfilling".equals(db.value("SELECT phase FROM tuesday.migrations WHERE status = 'active'")));
        Thread.sleep(2_000);

        Migrator second = Migrator.configure().dataSource(db.dataSource()).build();
        assertThatThrownBy(second::rollback).as("the first still holds the lock, two seconds later")
                .isInstanceOf(LockHeldException.class);
        starter.join(60_000);
        assertThat(failure.get()).isNull();
        assertThat(db.value("SELECT phase FROM tuesday.migrations WHERE status = 'active'")).isEqualTo("started");
        assertThat(db.value("SELECT count(*) FROM users WHERE full_name = 'n' || id")).isEqualTo("1000");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition never met");
            }
            Thread.sleep(10);
        }
    }
}
