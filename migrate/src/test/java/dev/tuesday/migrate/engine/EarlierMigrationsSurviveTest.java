package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.List;

/**
 * What earlier migrations put on a column survives a later one that replaces it: a unique
 * constraint added by {@code alter_column unique}, an expression and partial index made by a
 * {@code sql} operation, a check added by {@code create_constraint}; each is still there, under its
 * name, with its definition, and still enforced.
 */
class EarlierMigrationsSurviveTest {

    @OnOldestAndNewestPostgres
    void constraintsAndIndexesOfEarlierMigrationsSurviveALaterAlterColumnOnTheSameColumn(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name, email) VALUES ('ann', 'ann@example.com'), ('bob', NULL)");
        m.start(Migrations.yaml("02_email_unique", """
                operations:
                  - alter_column: {table: users, column: email, unique: {name: users_email_unique}, up: email, down: email}
                """), true);
        m.start(Migrations.yaml("03_email_index", """
                operations:
                  - sql:
                      up: CREATE INDEX users_email_lower ON users (lower(email)) WHERE email IS NOT NULL
                      down: DROP INDEX users_email_lower
                """), true);
        m.start(Migrations.yaml("04_email_check", """
                operations:
                  - create_constraint:
                      table: users
                      name: users_email_at
                      type: check
                      check: email LIKE '%@%'
                      columns: [email]
                      up: {email: email}
                      down: {email: email}
                """), true);
        List<List<String>> before = indexesAndConstraints(db);

        m.start(Migrations.yaml("05_email_required", """
                operations:
                  - alter_column:
                      table: users
                      column: email
                      nullable: false
                      up: coalesce(email, name || '@example.com')
                      down: email
                """), true);

        assertThat(indexesAndConstraints(db)).isEqualTo(before);
        assertThat(db.value("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'email'"))
                .isEqualTo("t");
        assertThatThrownBy(() -> db.exec("INSERT INTO users (name, email) VALUES ('cat', 'ann@example.com')"))
                .hasMessageContaining("users_email_unique");
        assertThatThrownBy(() -> db.exec("INSERT INTO users (name, email) VALUES ('dan', 'no-at-sign')"))
                .hasMessageContaining("users_email_at");
        assertThat(db.rows("SELECT name, email FROM users ORDER BY id"))
                .containsExactly(List.of("ann", "ann@example.com"), List.of("bob", "bob@example.com"));
    }

    /**
     * A sql operation that builds on a column the same migration replaces: what it builds would
     * be lost by the contract, so start finds it once the sql has run, undoes itself and says so.
     */
    @OnOldestAndNewestPostgres
    void sqlThatBuildsOnAColumnTheSameMigrationReplacesIsRefusedAtStart(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(Migrations.createUsers(), true);
        List<String> before = db.catalog("public");

        assertThatThrownBy(() -> m.start(Migrations.yaml("02_both", """
                operations:
                  - sql:
                      up: CREATE INDEX users_email_lower ON users (lower(email))
                      down: DROP INDEX IF EXISTS users_email_lower
                  - alter_column: {table: users, column: email, nullable: false, up: "coalesce(email, '-')", down: email}
                """))).isInstanceOf(dev.tuesday.migrate.MigrationStateException.class)
                .hasMessageContaining("index users_email_lower").hasMessageContaining("sql operation");
        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(db.value("SELECT status FROM tuesday.migrations WHERE name = '02_both'")).isEqualTo("rolled_back");
    }

    private static List<List<String>> indexesAndConstraints(Database db) {
        return db.rows("SELECT 'index', c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c"
                + " ON c.oid = i.indexrelid WHERE i.indrelid = 'public.users'::regclass"
                + " UNION ALL SELECT 'constraint', conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'public.users'::regclass AND contype <> 'n' ORDER BY 1, 2");
    }
}
