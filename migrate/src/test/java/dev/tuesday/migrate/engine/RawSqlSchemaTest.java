package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.List;

/**
 * A {@code sql} operation's unqualified names mean the migrated schema, whatever the role's own
 * {@code search_path} finds first: here the state schema carries the role's name, so
 * {@code "$user"} would find it before {@code public}.
 */
class RawSqlSchemaTest {

    @OnOldestAndNewestPostgres
    void tableCreatedBySqlLandsInTheMigratedSchemaAndLaterOperationsFindIt(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).stateSchema(TestDatabases.OWNER).build();
        m.start(Migrations.yaml("01_users", """
                operations:
                  - sql:
                      up: CREATE TABLE users (id bigint PRIMARY KEY, name text)
                """), true);
        assertThat(db.value("SELECT to_regclass('public.users') IS NOT NULL")).isEqualTo("t");
        assertThat(db.value("SELECT to_regclass('" + TestDatabases.OWNER + ".users') IS NULL")).isEqualTo("t");

        m.start(Migrations.yaml("02_email", """
                operations:
                  - add_column: {table: users, column: {name: email, type: text, nullable: true}}
                """), true);
        assertThat(db.columns("public", "users")).containsExactly("id", "name", "email");
        assertThat(db.columns("public_02_email", "users")).isEqualTo(List.of("id", "name", "email"));
    }

    /**
     * What a {@code sql} operation creates or changes at start is in the new version's views of the
     * same migration: a table it creates, a column it adds to a table another operation of the
     * migration changes; both written through the new version, and there after complete.
     */
    @OnOldestAndNewestPostgres
    void whatSqlCreatesAtStartIsInTheNewVersionsViewsOfTheSameMigration(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name, email) VALUES ('ann', 'ann@example.com')");

        m.start(Migrations.yaml("02_flags", """
                operations:
                  - sql:
                      up: CREATE TABLE feature_flags (name text PRIMARY KEY, enabled boolean NOT NULL DEFAULT false)
                      down: DROP TABLE feature_flags
                  - sql:
                      up: ALTER TABLE users ADD COLUMN nickname text
                      down: ALTER TABLE users DROP COLUMN nickname
                  - rename_column: {table: users, from: name, to: full_name}
                """));

        assertThat(db.columns("public_02_flags", "feature_flags")).containsExactly("name", "enabled");
        assertThat(db.columns("public_02_flags", "users")).contains("full_name", "nickname").doesNotContain("name");
        db.exec("SET search_path = public_02_flags", "INSERT INTO feature_flags (name) VALUES ('dark_mode')",
                "INSERT INTO users (full_name, email, nickname) VALUES ('bob', 'bob@example.com', 'bobby')");
        db.exec("INSERT INTO public.users (name, email) VALUES ('cat', 'cat@example.com')");
        m.complete();

        assertThat(db.rows("SELECT name, enabled FROM public.feature_flags")).containsExactly(List.of("dark_mode", "f"));
        assertThat(db.rows("SELECT full_name, coalesce(nickname, '-') FROM public.users ORDER BY id"))
                .containsExactly(List.of("ann", "-"), List.of("bob", "bobby"), List.of("cat", "-"));
    }
}
