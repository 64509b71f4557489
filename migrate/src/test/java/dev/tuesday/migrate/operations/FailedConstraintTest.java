package dev.tuesday.migrate.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.List;

/**
 * Constraints the data cannot satisfy: start fails on the step that proves it (the concurrent
 * unique index build, the validation of a foreign key or check), names it, leaves no INVALID index
 * behind, and a rollback returns the catalog to what it was, with every row.
 */
class FailedConstraintTest {

    @OnOldestAndNewestPostgres
    void aUniqueConstraintOverDuplicatesFailsStartAndRollsBackToTheOldCatalog(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(Migrations.yaml("01_setup", Setups.USERS), true);
        db.exec(Setups.USERS_SEED, "INSERT INTO users (name) VALUES ('ann')");
        List<String> before = db.catalog("public");

        assertThatThrownBy(() -> m.start(Migrations.yaml("02_change", Setups.operations("""
                - create_constraint: {table: users, name: users_name_key, type: unique, columns: [name], up: {}, down: {}}
                """)))).isInstanceOf(MigrationException.class).hasMessageContaining("users_name_key");
        assertThat(db.value("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("0");

        m.rollback();
        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(db.rows("SELECT name FROM users ORDER BY id")).containsExactly(List.of("ann"), List.of("bob"),
                List.of("ann"));
    }

    @OnOldestAndNewestPostgres
    void aCheckThatExistingRowsBreakFailsItsValidationAndRollsBackToTheOldCatalog(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(Migrations.yaml("01_setup", Setups.USERS), true);
        db.exec(Setups.USERS_SEED);
        List<String> before = db.catalog("public");

        assertThatThrownBy(() -> m.start(Migrations.yaml("02_change", Setups.operations("""
                - create_constraint: {table: users, name: users_email_set, type: check, columns: [email], check: email IS NOT NULL, up: {}, down: {}}
                """)))).isInstanceOf(MigrationException.class).hasMessageContaining("users_email_set");

        m.rollback();
        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(db.rows("SELECT name, email FROM users ORDER BY id")).containsExactly(
                List.of("ann", "ann@example.com"), java.util.Arrays.asList("bob", null));
    }
}
