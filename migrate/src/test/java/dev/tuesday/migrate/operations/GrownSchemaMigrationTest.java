package dev.tuesday.migrate.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Fingerprint;
import dev.tuesday.migrate.GrownSchema;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import dev.tuesday.migrate.ValidationException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Migrations on a schema that grew in production ({@link GrownSchema}: views and a materialized
 * view over the columns changed, foreign keys both ways, triggers, a policy, grants, comments):
 * each case runs start, the old version (on {@code public}) and the new one (on its version
 * schema) both write and read, then complete; the catalog then must be exactly what the same
 * change made by plain DDL on a twin database gives ({@link Fingerprint}), nothing lost on the way
 * and no row either. The cases Tuesday cannot carry are refused at start with one line naming the
 * object, and leave the catalog as it was.
 */
class GrownSchemaMigrationTest {

    /** A change: the migration's operations and the plain DDL that makes the same change at once. */
    record Case(String name, String operations, String plainDdl, String newWrite) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A change Tuesday refuses: the words the one-line refusal must contain. */
    record Refused(String name, String operations, List<String> words) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String OLD_WRITE = "INSERT INTO users (name, email, age, team_id) VALUES"
            + " ('Old Writer', 'Old.Writer@Example.com', '33', 1)";

    static Stream<Arguments> cases() {
        List<Case> cases = List.of(
                new Case("alter_column nullable false on users.email, which a foreign key, indexes, a trigger,"
                        + " a policy, views and a materialized view read", """
                        - alter_column:
                            table: users
                            column: email
                            nullable: false
                            up: coalesce(email, 'user' || id || '@example.invalid')
                            down: email
                        """, "UPDATE users SET email = coalesce(email, 'user' || id || '@example.invalid')"
                        + " WHERE email IS NULL; ALTER TABLE users ALTER COLUMN email SET NOT NULL",
                        "INSERT INTO users (name, email, age, team_id) VALUES ('New Writer', 'new@example.com', '44', 2)"),
                new Case("create_constraint check on users.name, which views, indexes, a trigger and grants read", """
                        - create_constraint:
                            table: users
                            name: users_name_not_blank
                            type: check
                            check: name <> ''
                            columns: [name]
                            up: {name: "nullif(name, '')"}
                            down: {name: name}
                        """, "UPDATE users SET name = nullif(name, '') WHERE name = '';"
                        + " ALTER TABLE users ADD CONSTRAINT users_name_not_blank CHECK (name <> '')",
                        "INSERT INTO users (name, email, age, team_id) VALUES ('New Writer', 'new@example.com', '44', 2)"),
                new Case("rename_column users.name to full_name (the running example)", """
                        - rename_column: {table: users, from: name, to: full_name}
                        """, "ALTER TABLE users RENAME COLUMN name TO full_name",
                        "INSERT INTO users (full_name, email, age, team_id) VALUES ('New Writer', 'new@example.com', '44', 2)"),
                new Case("alter_column default and comment on users.age", """
                        - alter_column: {table: users, column: age, default: "''", comment: digits or empty}
                        """, "ALTER TABLE users ALTER COLUMN age SET DEFAULT ''; COMMENT ON COLUMN users.age IS 'digits or empty'",
                        "INSERT INTO users (name, email, age, team_id) VALUES ('New Writer', 'new@example.com', '44', 2)"),
                new Case("add_column filled by up", """
                        - add_column:
                            table: users
                            up: lower(coalesce(name, ''))
                            column: {name: search_name, type: text, nullable: true}
                        """, "ALTER TABLE users ADD COLUMN search_name text; UPDATE users SET search_name = lower(coalesce(name, ''))",
                        "INSERT INTO users (name, email, search_name) VALUES ('New Writer', 'new@example.com', 'new writer')"),
                new Case("create_index on an expression", """
                        - create_index: {name: users_lower_name_idx, table: users, columns: [name]}
                        """, "CREATE INDEX users_lower_name_idx ON users (name)",
                        "INSERT INTO users (name, email, age, team_id) VALUES ('New Writer', 'new@example.com', '44', 2)"));
        return TestDatabases.versions().flatMap(pg -> cases.stream().map(c -> Arguments.of(pg, c)));
    }

    static Stream<Arguments> refused() {
        List<Refused> refused = List.of(
                new Refused("a type change that views would show", """
                        - alter_column: {table: users, column: name, type: varchar(200), up: "CAST(name AS varchar(200))", down: name}
                        """, List.of("view", "name")),
                new Refused("a type change a check constraint cannot take", """
                        - alter_column: {table: users, column: age, type: integer, up: "CAST(nullif(age, '') AS integer)", down: "CAST(age AS text)"}
                        """, List.of("users_age_digits")),
                new Refused("dropping a column that views read", """
                        - drop_column: {table: users, column: age}
                        """, List.of("view active_users", "materialized view team_stats", "still read column \"age\"")));
        return TestDatabases.versions().flatMap(pg -> refused.stream().map(c -> Arguments.of(pg, c)));
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("cases")
    void bothVersionsWorkAndTheContractLeavesWhatPlainDdlWould(int pg, Case c) {
        Database db = TestDatabases.fresh(pg);
        Database twin = TestDatabases.fresh(pg);
        GrownSchema.load(db);
        GrownSchema.load(twin);
        long users = Long.parseLong(db.value("SELECT count(*) FROM users"));
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).load();

        m.start(Migrations.yaml("02_change", "operations:\n" + c.operations().stripIndent().indent(2)));
        db.exec(OLD_WRITE);
        db.exec("SET search_path = public_02_change, public", c.newWrite());
        assertThat(db.value("SELECT count(*) FROM public_02_change.users")).isEqualTo(String.valueOf(users + 2));
        assertThat(db.value("SELECT count(*) FROM public.users")).isEqualTo(String.valueOf(users + 2));
        m.complete();

        twin.exec(c.plainDdl());
        assertThat(Fingerprint.diff(Fingerprint.of(twin.dataSource(), "public"), Fingerprint.of(db.dataSource(), "public")))
                .as("the catalog after complete, against plain DDL on a twin (- twin, + Tuesday)").isEmpty();
        assertThat(db.value("SELECT count(*) FROM users")).isEqualTo(String.valueOf(users + 2));
        assertThat(db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_name LIKE '\\_tuesday%'")).isEmpty();
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("refused")
    void whatCannotBeCarriedIsRefusedAtValidateAndStartWithNothingChanged(int pg, Refused r) {
        Database db = TestDatabases.fresh(pg);
        GrownSchema.load(db);
        List<String> before = Fingerprint.of(db.dataSource(), "public");
        Migrator m = Migrator.configure().dataSource(db.dataSource()).load();

        assertThatThrownBy(() -> m.start(Migrations.yaml("02_change", "operations:\n" + r.operations().stripIndent().indent(2))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(r.words()));
        assertThat(Fingerprint.diff(before, Fingerprint.of(db.dataSource(), "public"))).isEmpty();
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_02_change'")).isEqualTo("0");
    }
}
