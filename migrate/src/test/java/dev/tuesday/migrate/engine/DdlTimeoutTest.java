package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.StepFailedException;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.time.Duration;

/**
 * A catalog change that turns out to scan or rewrite the table under its strong lock is stopped by
 * the DDL statement timeout; a step meant to scan under a weak lock (a VALIDATE) is not.
 */
class DdlTimeoutTest {

    @OnOldestAndNewestPostgres
    void aRewriteUnderAStrongLockIsStoppedAndAValidateIsNot(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).ddlStatementTimeout(Duration.ofSeconds(1)).build();
        m.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name) SELECT 'n' || g FROM generate_series(1, 4) g",
                // Volatile and slow: a column with it as default rewrites the table, calling it per row.
                "CREATE FUNCTION slow_text() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT pg_sleep(0.6)::text $$",
                "CREATE FUNCTION slow_true(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS"
                        + " $$ SELECT pg_sleep(0.6) IS NOT NULL $$");

        assertThatThrownBy(() -> m.start(Migrations.yaml("02_slow_default", """
                operations:
                  - add_column: {table: users, column: {name: note, type: text, nullable: true, default: slow_text()}}
                """))).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("statement timeout").hasMessageContaining("longer than the DDL statement timeout");
        assertThat(db.columns("public", "users")).doesNotContain("note");

        m.start(Migrations.yaml("03_slow_check", """
                operations:
                  - create_constraint:
                      table: users
                      name: users_name_slow
                      type: check
                      check: slow_true(name)
                      columns: [name]
                      up: {name: name}
                      down: {name: name}
                """));
        m.complete();
        assertThat(db.value("SELECT count(*) FROM pg_constraint WHERE conname = 'users_name_slow' AND convalidated"))
                .isEqualTo("1");
    }
}
