package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.MigrationEvent;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.ArrayList;
import java.util.List;

class AlterColumnTest {

    private static final String NOT_NULL_EMAIL = """
            operations:
              - alter_column:
                  table: users
                  column: email
                  nullable: false
                  up: coalesce(email, 'unknown@example.com')
                  down: email
            """;

    @OnOldestAndNewestPostgres
    void notNullWithUpFillsExistingNullsAndSetsNotNullWithoutScanningUnderTheExclusiveLock(int pg) {
        Database db = TestDatabases.fresh(pg);
        List<MigrationEvent> events = new ArrayList<>();
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(100).listener(events::add).build();
        m.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name, email) SELECT 'n' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'e' || g END"
                + " FROM generate_series(1, 1000) g");

        m.start(Migrations.yaml("02_email_required", NOT_NULL_EMAIL));
        assertThat(db.value("SELECT count(*) FROM public_02_email_required.users WHERE email IS NULL")).isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM public_02_email_required.users WHERE email = 'unknown@example.com'"))
                .isEqualTo("333");
        assertThat(db.value("SELECT count(*) FROM public_01_create_users.users WHERE email IS NULL")).isEqualTo("333");
        // The old version may still write NULL; the new version sees the up value.
        db.exec("INSERT INTO public_01_create_users.users (name, email) VALUES ('old', NULL)");
        assertThat(db.value("SELECT email FROM public_02_email_required.users WHERE name = 'old'"))
                .isEqualTo("unknown@example.com");
        // The new version may not.
        assertThatThrownBy(() -> db.exec("SET search_path = public_02_email_required",
                "INSERT INTO users (name, email) VALUES ('new', NULL)")).hasMessageContaining("violates check constraint");

        events.clear();
        m.complete();
        List<String> notices = events.stream().map(MigrationEvent::message).filter(s -> s.startsWith("postgres:")).toList();
        assertThat(notices).anyMatch(s -> s.contains("sufficient to prove that it does not contain nulls"));
        assertThat(notices).noneMatch(s -> s.contains("verifying table") || s.contains("rewriting table"));
        assertThat(db.value("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'public.users'::regclass"
                + " AND attname = 'email'")).isEqualTo("t");
        assertThat(db.value("SELECT count(*) FROM users WHERE email = 'unknown@example.com'")).isEqualTo("334");
        assertThat(db.columns("public", "users")).containsExactly("id", "name", "email");
        assertThat(db.catalog("public")).noneMatch(line -> line.contains("_tuesday"));
    }

    @OnOldestAndNewestPostgres
    void typeChangeFromTextToIntegerConvertsBothWays(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).build();
        m.start(Migrations.yaml("01_people", """
                operations:
                  - create_table:
                      name: people
                      columns:
                        - {name: id, type: integer, pk: true, generated: {identity: {user_specified_values: BY DEFAULT}}}
                        - {name: age, type: text, nullable: true}
                """), true);
        db.exec("INSERT INTO people (age) SELECT CASE WHEN g % 10 = 0 THEN 'unknown' ELSE g::text END"
                + " FROM generate_series(1, 200) g");

        m.start(Migrations.yaml("02_age_integer", """
                operations:
                  - alter_column:
                      table: people
                      column: age
                      type: integer
                      up: "CASE WHEN age ~ '^[0-9]+$' THEN age::integer END"
                      down: age::text
                """));
        assertThat(db.value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'public_02_age_integer.people'::regclass AND attname = 'age'")).isEqualTo("integer");
        assertThat(db.value("SELECT sum(age) FROM public_02_age_integer.people")).isEqualTo(String.valueOf(20100 - 2100));
        db.exec("INSERT INTO public_01_people.people (id, age) VALUES (1001, '77')",
                "SET search_path = public_02_age_integer",
                "INSERT INTO people (id, age) VALUES (1002, 88)",
                "UPDATE people SET age = age + 1 WHERE id = 1");
        assertThat(db.rows("SELECT id, age FROM public_02_age_integer.people WHERE id IN (1, 1001, 1002) ORDER BY id"))
                .containsExactly(List.of("1", "2"), List.of("1001", "77"), List.of("1002", "88"));
        assertThat(db.rows("SELECT id, age FROM public_01_people.people WHERE id IN (1, 1001, 1002) ORDER BY id"))
                .containsExactly(List.of("1", "2"), List.of("1001", "77"), List.of("1002", "88"));

        m.complete();
        assertThat(db.value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'public.people'::regclass AND attname = 'age'")).isEqualTo("integer");
        assertThat(db.value("SELECT count(*) FROM people WHERE age IS NULL")).isEqualTo("20");
        assertThat(db.columns("public", "people")).containsExactly("id", "age");
        assertThat(db.catalog("public")).noneMatch(line -> line.contains("_tuesday"));
    }
}
