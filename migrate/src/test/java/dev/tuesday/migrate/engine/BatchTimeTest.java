package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Backfill batches follow the batch time: starting small, they grow to take about that long, and
 * every row is filled once; a size given alone stays fixed (the crash-resume test counts its batches).
 */
class BatchTimeTest {

    private static final int ROWS = 200_000;

    @OnOldestAndNewestPostgres
    void batchesGrowTowardTheBatchTimeAndFillEveryRow(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator.configure().dataSource(db.dataSource()).build().start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name, email) SELECT 'n' || g, 'e' || g FROM generate_series(1, " + ROWS + ") g",
                "VACUUM ANALYZE users");

        Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(100).backfillBatchTime(Duration.ofMillis(20))
                .build().start(CrashableStart.migration());

        // At a fixed 100 rows it would take 2,001 batches; a row costs microseconds, so a 20 ms batch holds thousands.
        assertThat(Long.parseLong(db.value("SELECT batches FROM tuesday.backfills"))).isLessThan(400);
        assertThat(db.value("SELECT rows FROM tuesday.backfills")).isEqualTo(String.valueOf(ROWS));
        assertThat(db.value("SELECT count(*) FROM users WHERE label = 'x' || name")).isEqualTo(String.valueOf(ROWS));
    }

    @Test
    void aNegativeBatchTimeIsRefusedByName() {
        assertThatThrownBy(() -> Migrator.configure().dataSource(new org.postgresql.ds.PGSimpleDataSource())
                .backfillBatchTime(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backfillBatchTime");
    }
}
