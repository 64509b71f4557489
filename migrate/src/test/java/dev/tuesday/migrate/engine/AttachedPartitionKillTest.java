package dev.tuesday.migrate.engine;

import static dev.tuesday.migrate.engine.AttachedPartitionTest.row;
import static dev.tuesday.migrate.engine.AttachedPartitions.asNewVersion;
import static dev.tuesday.migrate.engine.AttachedPartitions.attach;
import static dev.tuesday.migrate.engine.AttachedPartitions.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.List;

/**
 * {@code kill -9} of {@code complete} at each of its progress events, the one after an attached
 * partition's rows were brought up to date among them; the new version then changes an attached
 * row, and {@code complete} run again ends with every row as an uninterrupted run gives, that
 * change kept.
 */
class AttachedPartitionKillTest {

    @OnOldestAndNewestPostgres
    void completeKilledAtAnyStepAfterAnAttachEndsRightWhenRunAgain(int pg) throws Exception {
        int events = Kill9.eventsOfAWholeRun(started(pg), "complete");
        System.out.println("PostgreSQL " + pg + ": " + events + " events of complete, a kill -9 at each");
        assertThat(events).as("events of one complete").isGreaterThan(2);
        for (int k = 1; k <= events; k++) {
            Database db = started(pg);
            String at = Kill9.killAt(db, k, events, "complete");
            System.out.println(at);
            asNewVersion(db, "UPDATE readings SET price = 4.75 WHERE id = 2004");
            if (!"done".equals(db.value("SELECT phase FROM tuesday.migrations WHERE name = '02_price'"))) {
                Migrator.configure().dataSource(db.dataSource()).build().complete();
            }
            assertThat(db.value("SELECT count(*) FROM readings WHERE id <= 300 AND price::text = id || '.00'"))
                    .as(at).isEqualTo("300");
            assertThat(db.rows("SELECT id, price::text FROM readings WHERE id > 300 ORDER BY id")).as(at).containsExactly(
                    row("1001", "3.00"), row("1002", "3.75"), row("2001", "8.25"), row("2002", "7.00"),
                    row("2003", "6.75"), row("2004", "4.75"), row("2005", "6.00"));
        }
    }

    /** Started, a partition created and one attached since, written through both versions. */
    private static Database started(int pg) {
        Database db = AttachedPartitions.readings(pg);
        Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(100).build()
                .start(AttachedPartitions.typeChange());
        create(db, 2025);
        db.exec("INSERT INTO readings (id, taken, price) VALUES (1001, '2025-02-01', '3.40')");
        asNewVersion(db, "INSERT INTO readings (id, taken, price) VALUES (1002, '2025-02-02', 3.75)");
        attach(db, 2026, List.of("(2001, '2026-01-05', '5.50')", "(2004, '2026-01-06', '5.50')",
                "(2005, '2026-01-07', '5.50')"));
        db.exec("INSERT INTO readings (id, taken, price) VALUES (2002, '2026-02-01', '6.60')");
        asNewVersion(db, "INSERT INTO readings (id, taken, price) VALUES (2003, '2026-02-02', 6.75)",
                "UPDATE readings SET price = 8.25 WHERE id = 2001");
        return db;
    }
}
