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
}
