package dev.tuesday.migrate.engine;

import static dev.tuesday.migrate.engine.AttachedPartitions.NEW;
import static dev.tuesday.migrate.engine.AttachedPartitions.asNewVersion;
import static dev.tuesday.migrate.engine.AttachedPartitions.attach;
import static dev.tuesday.migrate.engine.AttachedPartitions.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationStateException;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Partitions that join a partitioned table during a migration: one created with
 * {@code PARTITION OF} after start, one made with {@code LIKE}, filled, and attached before start
 * is run again, one attached after that, before complete. Both versions write into them. Rows
 * written before a partition joined never passed the sync trigger and are brought up to date; no
 * row either version wrote through the trigger is touched.
 */
class AttachedPartitionTest {

    @OnOldestAndNewestPostgres
    void aTypeChangeFillsRowsAttachedDuringTheMigrationAndKeepsWhatBothVersionsWrote(int pg) {
        Database db = AttachedPartitions.readings(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).build();
        m.start(AttachedPartitions.typeChange());
        create(db, 2025);
        db.exec("INSERT INTO readings (id, taken, price) VALUES (1001, '2025-02-01', '3.40')");
        asNewVersion(db, "INSERT INTO readings (id, taken, price) VALUES (1002, '2025-02-02', 3.75)");
        attach(db, 2026, List.of("(2001, '2026-01-05', '5.50')", "(2004, '2026-01-06', '5.50')",
                "(2005, '2026-01-07', NULL)"));
        db.exec("INSERT INTO readings (id, taken, price) VALUES (2002, '2026-02-01', '6.60')");
        asNewVersion(db, "INSERT INTO readings (id, taken, price) VALUES (2003, '2026-02-02', 6.75)",
                "UPDATE readings SET price = 8.25 WHERE id = 2001");

        m.start(AttachedPartitions.typeChange());
        assertThat(newVersion(db, 2004)).as("the new version reads an attached row once start ran again").isEqualTo("6.00");

        attach(db, 2027, List.of("(3001, '2027-01-05', '9.49')"));
        asNewVersion(db, "INSERT INTO readings (id, taken, price) VALUES (3002, '2027-02-02', 9.75)");
        m.complete();

        assertThat(db.value("SELECT count(*) FROM readings WHERE id <= 300 AND price::text = id || '.00'")).isEqualTo("300");
        assertThat(db.rows("SELECT id, price::text FROM readings WHERE id > 300 ORDER BY id")).containsExactly(
                row("1001", "3.00"), row("1002", "3.75"), row("2001", "8.25"), row("2002", "7.00"), row("2003", "6.75"),
                row("2004", "6.00"), row("2005", null), row("3001", "9.00"), row("3002", "9.75"));
    }

    @OnOldestAndNewestPostgres
    void anAddedColumnIsFilledOnRowsAttachedDuringTheMigrationAndKeepsTheNewVersionsDefaults(int pg) {
        Database db = AttachedPartitions.readings(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).build();
        m.start(AttachedPartitions.addCents());
        create(db, 2025);
        db.exec("INSERT INTO readings (id, taken, price) VALUES (1001, '2025-02-01', '3.40')");
        asNewVersion(db, "INSERT INTO readings (id, taken, price, cents) VALUES (1002, '2025-02-02', '3.75', 999),"
                + " (1003, '2025-02-03', '8.80', 0)");
        attach(db, 2026, List.of("(2001, '2026-01-05', '5.50')", "(2004, '2026-01-06', '5.50')",
                "(2005, '2026-01-07', NULL)"));
        db.exec("INSERT INTO readings (id, taken, price) VALUES (2002, '2026-02-01', '6.60')");
        // Rows the new version gives the column's default, which up would not give: theirs to keep.
        asNewVersion(db, "INSERT INTO readings (id, taken, price, cents) VALUES (2003, '2026-02-02', '6.75', 0)",
                "UPDATE readings SET cents = 0 WHERE id = 2001");

        m.start(AttachedPartitions.addCents());
        assertThat(db.value("SELECT cents FROM " + NEW + ".readings WHERE id = 2004"))
                .as("the new version reads an attached row once start ran again").isEqualTo("600");

        attach(db, 2027, List.of("(3001, '2027-01-05', '9.49')"));
        m.complete();

        assertThat(db.value("SELECT count(*) FROM readings WHERE id <= 300 AND cents = id * 100")).isEqualTo("300");
        assertThat(db.rows("SELECT id, cents FROM readings WHERE id > 300 ORDER BY id")).containsExactly(
                row("1001", "300"), row("1002", "999"), row("1003", "0"), row("2001", "0"), row("2002", "700"),
                row("2003", "0"), row("2004", "600"), row("2005", null), row("3001", "900"));
    }

    @OnOldestAndNewestPostgres
    void aRollbackKeepsTheRowsOfAnAttachedPartitionInTheOldShape(int pg) {
        Database db = AttachedPartitions.readings(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).build();
        m.start(AttachedPartitions.typeChange());
        attach(db, 2026, List.of("(2001, '2026-01-05', '5.50')", "(2004, '2026-01-06', '5.50')"));
        asNewVersion(db, "INSERT INTO readings (id, taken, price) VALUES (2003, '2026-02-02', 6.75)",
                "UPDATE readings SET price = 8.25 WHERE id = 2001");
        m.start(AttachedPartitions.typeChange());
        m.rollback();

        assertThat(db.columns("public", "readings")).containsExactly("id", "taken", "price");
        assertThat(db.value("SELECT count(*) FROM readings WHERE id <= 300 AND price = id || '.25'")).isEqualTo("300");
        assertThat(db.rows("SELECT id, price FROM readings WHERE id > 300 ORDER BY id")).containsExactly(
                row("2001", "8.25"), row("2003", "6.75"), row("2004", "5.50"));
    }

    @OnOldestAndNewestPostgres
    void rowsAttachedWithAValueInBothShapesAreRefusedBeforeAnythingChanges(int pg) {
        Database db = AttachedPartitions.readings(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).build();
        m.start(AttachedPartitions.typeChange());
        String shadow = db.columns("public", "readings").stream().filter(c -> c.startsWith("_tuesday_new_")).findFirst()
                .orElseThrow();
        create(db, 2025);
        db.exec("INSERT INTO readings (id, taken, price) VALUES (1001, '2025-02-01', '3.40')");
        db.exec("CREATE TABLE readings_2026 (LIKE readings INCLUDING ALL)",
                "INSERT INTO readings_2026 (id, taken, price, " + shadow + ") VALUES (2001, '2026-01-05', '5.50', 1.00)",
                "INSERT INTO readings_2026 (id, taken, price) VALUES (2004, '2026-01-06', '5.50')",
                "ALTER TABLE readings ATTACH PARTITION readings_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        List<List<String>> before = db.rows("SELECT * FROM readings ORDER BY id");

        assertThatThrownBy(m::complete).isInstanceOf(MigrationStateException.class)
                .hasMessageContaining("partition \"readings_2026\"").hasMessageContaining("1 rows")
                .hasMessageContaining("nothing was changed");
        assertThat(db.rows("SELECT * FROM readings ORDER BY id")).isEqualTo(before);
        assertThat(db.value("SELECT phase FROM tuesday.migrations WHERE name = '02_price'")).isEqualTo("started");

        db.exec("UPDATE readings SET " + shadow + " = round(price::numeric) WHERE id = 2001"); // the way out it names
        m.complete();
        assertThat(db.rows("SELECT id, price::text FROM readings WHERE id > 300 ORDER BY id")).containsExactly(
                row("1001", "3.00"), row("2001", "6.00"), row("2004", "6.00"));
    }

    @OnOldestAndNewestPostgres
    void aPartitionAttachedWhileCompleteRunsStopsTheContractAndCompleteRunAgainFillsIt(int pg) {
        Database db = AttachedPartitions.readings(pg);
        Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).build()
                .start(AttachedPartitions.typeChange());
        attach(db, 2026, List.of("(2001, '2026-01-05', '5.50')"));
        AtomicBoolean attached = new AtomicBoolean();
        Migrator racing = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).listener(e -> {
            // After complete brought readings_2026 up to date, just before the contract.
            if (e.message().startsWith("contract:") && attached.compareAndSet(false, true)) {
                attach(db, 2027, List.of("(3001, '2027-01-05', '9.49')"));
            }
        }).build();

        assertThatThrownBy(racing::complete).hasMessageContaining("readings_2027").hasMessageContaining("run complete again");
        assertThat(attached).isTrue();
        assertThat(db.value("SELECT phase FROM tuesday.migrations WHERE name = '02_price'")).isEqualTo("started");
        assertThat(db.value("SELECT price FROM " + NEW + ".readings WHERE id = 2001")).isEqualTo("6.00");

        Migrator.configure().dataSource(db.dataSource()).build().complete();
        assertThat(db.rows("SELECT id, price::text FROM readings WHERE id > 300 ORDER BY id")).containsExactly(
                row("2001", "6.00"), row("3001", "9.00"));
    }

    @OnOldestAndNewestPostgres
    void aChainedStepCatchesUpOnlyTheRowsWrittenBeforeAPartitionJoinedAsAFirstStepDoes(int pg) throws Exception {
        Database db = AttachedPartitions.readings(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).build();
        // A first step without sync triggers stays active: the cents step is chained on it, its triggers keyed.
        m.start(Migrations.yaml("02_note", """
                operations:
                  - add_column: {table: readings, column: {name: note, type: text, nullable: true}}
                """));
        Migration cents = Migrations.yaml("03_cents", AttachedPartitions.addCents().text());
        m.start(cents);
        assertThat(m.status().chain()).hasSize(2);
        create(db, 2025);
        db.exec("INSERT INTO readings (id, taken, price) VALUES (1001, '2025-02-01', '3.40')");
        try (var c = db.dataSource("public_03_cents").getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO readings (id, taken, price, cents) VALUES (1002, '2025-02-02', '3.75', 999)");
        }
        attach(db, 2026, List.of("(2001, '2026-01-05', '5.50')"));

        m.start(cents);
        assertThat(db.rows("SELECT id, cents FROM public_03_cents.readings WHERE id > 300 ORDER BY id")).as("start run again")
                .containsExactly(row("1001", "300"), row("1002", "999"), row("2001", "600"));
        m.completeAll();
        assertThat(db.rows("SELECT id, cents FROM readings WHERE id > 300 ORDER BY id")).as("after complete --all")
                .containsExactly(row("1001", "300"), row("1002", "999"), row("2001", "600"));
        assertThat(db.value("SELECT count(*) FROM readings WHERE id <= 300 AND cents = id * 100")).isEqualTo("300");
    }

    private static String newVersion(Database db, int id) {
        return db.value("SELECT price::text FROM " + NEW + ".readings WHERE id = " + id);
    }

    static List<String> row(String... values) {
        return Arrays.asList(values);
    }
}
