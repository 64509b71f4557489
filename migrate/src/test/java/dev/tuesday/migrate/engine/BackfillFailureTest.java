package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.StepFailedException;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.List;

/**
 * An {@code up} expression that fails on one row, in the middle of the backfill's batches run in
 * the server: start stops with the database's own words and the table's name, the batches before
 * that row stay committed with their progress, and rollback leaves the table as it was.
 */
class BackfillFailureTest {

    @OnOldestAndNewestPostgres
    void anUpThatFailsOnARowStopsStartByNameAndRollbackLeavesTheTableAsItWas(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(100).build();
        m.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (id, name) SELECT g, CASE WHEN g = 250 THEN 'not a number' ELSE g::text END"
                + " FROM generate_series(1, 1000) g");
        List<String> before = db.catalog("public");

        assertThatThrownBy(() -> m.start(Migrations.addTextColumn("02_number", "number", "CAST(CAST(name AS int) AS text)")))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("backfill of \"users\"")
                .hasMessageContaining("invalid input syntax for type integer").hasMessageNotContaining("\n");
        // Batches 1 and 2 committed with their progress; the third, holding row 250, did not.
        assertThat(db.value("SELECT rows || ' in ' || batches FROM tuesday.backfills")).isEqualTo("200 in 2");
        assertThat(db.value("SELECT count(*) FROM users WHERE number IS NOT NULL")).isEqualTo("200");

        m.rollback();
        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(db.value("SELECT count(*) FROM users")).isEqualTo("1000");
    }
}
