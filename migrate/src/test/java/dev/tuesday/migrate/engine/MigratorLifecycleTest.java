package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.MigrationEvent;
import dev.tuesday.migrate.MigrationStateException;
import dev.tuesday.migrate.MigrationStatus;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.ArrayList;
import java.util.List;

class MigratorLifecycleTest {

    private static Migrator migrator(Database db, List<MigrationEvent> events) {
        return Migrator.configure().dataSource(db.dataSource()).listener(events::add).build();
    }

    @OnOldestAndNewestPostgres
    void renameShowsBothNamesUntilCompleteThenLeavesOnlyTheNewVersion(int pg) {
        Database db = TestDatabases.fresh(pg);
        List<MigrationEvent> events = new ArrayList<>();
        Migrator m = migrator(db, events);
        m.start(Migrations.createUsers(), true);
        assertThat(m.latestVersionSchema()).contains("public_01_create_users");
        db.exec("INSERT INTO public_01_create_users.users (name, email) VALUES ('Ada', 'ada@example.com')");

        m.start(Migrations.renameName());
        assertThat(db.columns("public_01_create_users", "users")).containsExactly("id", "name", "email");
        assertThat(db.columns("public_02_full_name", "users")).containsExactly("id", "full_name", "email");
        db.exec("INSERT INTO public_02_full_name.users (full_name, email) VALUES ('Grace', 'grace@example.com')");
        assertThat(db.rows("SELECT name FROM public_01_create_users.users ORDER BY id"))
                .containsExactly(List.of("Ada"), List.of("Grace"));
        assertThat(m.status().active()).hasValueSatisfying(a -> assertThat(a.phase()).isEqualTo("started"));

        m.complete();
        assertThat(db.columns("public", "users")).containsExactly("id", "full_name", "email");
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_01_create_users'")).isEqualTo("0");
        assertThat(db.rows("SELECT full_name FROM public_02_full_name.users ORDER BY id"))
                .containsExactly(List.of("Ada"), List.of("Grace"));
        assertThat(m.status().active()).isEmpty();
        assertThat(m.status().history()).extracting(MigrationStatus.Entry::status).containsExactly("complete", "complete");
        assertThatThrownBy(m::complete).isInstanceOf(MigrationStateException.class).hasMessageContaining("nothing to complete");
    }

    @OnOldestAndNewestPostgres
    void rollbackOfAnAddedColumnLeavesTheCatalogAsItWas(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = migrator(db, new ArrayList<>());
        m.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name, email) SELECT 'n' || g, 'e' || g FROM generate_series(1, 50) g");
        List<String> before = db.catalog("public");

        m.start(Migrations.addFullNameDropName());
        assertThat(db.rows("SELECT count(*) FROM public_02_full_name.users WHERE full_name = 'n' || id"))
                .containsExactly(List.of("50"));
        m.rollback();

        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_02_full_name'")).isEqualTo("0");
        assertThat(m.latestVersionSchema()).contains("public_01_create_users");
        assertThat(m.status().history()).extracting(MigrationStatus.Entry::status).containsExactly("complete", "rolled_back");
    }
}
