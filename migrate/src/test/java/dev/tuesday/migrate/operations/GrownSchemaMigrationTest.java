package dev.tuesday.migrate.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Fingerprint;
import dev.tuesday.migrate.GrownSchema;
import dev.tuesday.migrate.MigrationStateException;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
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
    record Case(String name, String operations, String plainDdl, String table, String oldWrite, String newWrite,
            String noneLeft) {

        Case(String name, String operations, String plainDdl, String newWrite) {
            this(name, operations, plainDdl, "users", OLD_WRITE, newWrite, null);
        }

        Case(String name, String operations, String plainDdl, String table, String oldWrite, String newWrite) {
            this(name, operations, plainDdl, table, oldWrite, newWrite, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A change Tuesday refuses: the words the one-line refusal must contain. */
    /**
     * {@code atValidate}: whether a plain validate sees it too (it reads the catalog); every one is
     * seen by validate with rehearse, which plays the contract as start does.
     */
    record Refused(String name, String operations, List<String> words, boolean atValidate) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String OLD_WRITE = "INSERT INTO users (name, email, age, team_id) VALUES"
            + " ('Old Writer', 'Old.Writer@Example.com', '33', 1)";

    private static final String EVENT_OLD_WRITE = "INSERT INTO events (user_id, kind, occurred_at) VALUES"
            + " (1, 'login', '2025-03-01 10:00:00+00'), (2, 'login', '2024-03-01 10:00:00+00')";
    private static final String EVENT_NEW_WRITE = "INSERT INTO events (user_id, kind, occurred_at) VALUES"
            + " (3, 'login', '2025-04-01 10:00:00+00'), (4, 'login', '2027-01-01 10:00:00+00')";

    static Stream<Arguments> cases() {
        List<Case> cases = List.of(
                new Case("alter_column nullable false on users.email, which a foreign key, indexes, a trigger,"
                        + " a policy, views and a materialized view read", GrownSchema.EMAIL_NOT_NULL, "UPDATE users SET email = coalesce(email, 'user' || id || '@example.invalid')"
                        + " WHERE email IS NULL; ALTER TABLE users ALTER COLUMN email SET NOT NULL",
                        "INSERT INTO users (name, email, age, team_id) VALUES ('New Writer', 'new@example.com', '44', 2)"),
                new Case("create_constraint check on users.name, which views, indexes, a trigger and grants read",
                        GrownSchema.NAME_NOT_BLANK, "UPDATE users SET name = nullif(name, '') WHERE name = '';"
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
                new Case("create_index on a partitioned table: built on each partition, attached", """
                        - create_index: {name: events_kind_idx, table: events, columns: [kind]}
                        """, "CREATE INDEX events_kind_idx ON events (kind)", "events", EVENT_OLD_WRITE, EVENT_NEW_WRITE),
                new Case("add_column filled by up on a partitioned table: the backfill walks each partition", """
                        - add_column:
                            table: events
                            up: CAST(kind AS text)
                            column: {name: kind_name, type: text, nullable: true}
                        """, "ALTER TABLE events ADD COLUMN kind_name text; UPDATE events SET kind_name = CAST(kind AS text)",
                        "events", EVENT_OLD_WRITE, "INSERT INTO events (user_id, kind, kind_name, occurred_at) VALUES"
                        + " (3, 'login', 'login', '2025-04-01 10:00:00+00'), (4, 'login', 'login', '2027-01-01 10:00:00+00')",
                        "SELECT count(*) FROM events WHERE kind_name IS DISTINCT FROM CAST(kind AS text)"),
                new Case("alter_column on a partitioned table, whose index and check stand on the column", """
                        - alter_column: {table: events, column: payload, comment: what happened, up: payload, down: payload}
                        """, "COMMENT ON COLUMN events.payload IS 'what happened'", "events", EVENT_OLD_WRITE,
                        EVENT_NEW_WRITE),
                new Case("alter_column type of a column only its own index and grants stand on", """
                        - alter_column: {table: users, column: locale, type: varchar(10), up: "CAST(locale AS varchar(10))", down: locale}
                        """, "ALTER TABLE users ALTER COLUMN locale TYPE varchar(10)",
                        "INSERT INTO users (name, email, locale) VALUES ('New Writer', 'new@example.com', 'fr')"),
                new Case("alter_column check", """
                        - alter_column:
                            table: users
                            column: locale
                            check: {name: users_locale_short, constraint: length(locale) <= 5}
                            up: locale
                            down: locale
                        """, "ALTER TABLE users ADD CONSTRAINT users_locale_short CHECK (length(locale) <= 5)",
                        "INSERT INTO users (name, email, locale) VALUES ('New Writer', 'new@example.com', 'fr')"),
                new Case("drop_column that nothing else reads", """
                        - drop_column: {table: users, column: preferences, down: "'{}'::jsonb"}
                        """, "ALTER TABLE users DROP COLUMN preferences",
                        "INSERT INTO users (name, email) VALUES ('New Writer', 'new@example.com')"),
                new Case("create_table with a foreign key to users", """
                        - create_table:
                            name: badges
                            columns:
                              - {name: id, type: bigint, pk: true}
                              - {name: user_id, type: bigint, references: {name: badges_user_id_fkey, table: users, column: id}}
                              - {name: label, type: text}
                        """, "CREATE TABLE badges (id bigint PRIMARY KEY, user_id bigint NOT NULL"
                        + " CONSTRAINT badges_user_id_fkey REFERENCES users (id), label text NOT NULL)",
                        "INSERT INTO users (name, email) VALUES ('New Writer', 'new@example.com')"),
                new Case("rename_table teams, which views, a materialized view and foreign keys both ways use", """
                        - rename_table: {from: teams, to: squads}
                        """, "ALTER TABLE teams RENAME TO squads",
                        "INSERT INTO users (name, email, team_id) VALUES ('New Writer', 'new@example.com', 3)"),
                new Case("drop_table that nothing else reads", """
                        - drop_table: {name: user_sessions}
                        """, "DROP TABLE user_sessions",
                        "INSERT INTO users (name, email) VALUES ('New Writer', 'new@example.com')"),
                new Case("drop_index", """
                        - drop_index: {name: users_status_created_at_idx}
                        """, "DROP INDEX users_status_created_at_idx",
                        "INSERT INTO users (name, email) VALUES ('New Writer', 'new@example.com')"),
                new Case("drop_constraint", """
                        - drop_constraint: {table: users, name: users_age_digits, up: age, down: age}
                        """, "ALTER TABLE users DROP CONSTRAINT users_age_digits",
                        "INSERT INTO users (name, email) VALUES ('New Writer', 'new@example.com')"),
                new Case("rename_constraint", """
                        - rename_constraint: {table: users, from: users_age_digits, to: users_age_is_digits}
                        """, "ALTER TABLE users RENAME CONSTRAINT users_age_digits TO users_age_is_digits",
                        "INSERT INTO users (name, email) VALUES ('New Writer', 'new@example.com')"),
                new Case("set_replica_identity", """
                        - set_replica_identity: {table: users, identity: {type: full}}
                        """, "ALTER TABLE users REPLICA IDENTITY FULL",
                        "INSERT INTO users (name, email) VALUES ('New Writer', 'new@example.com')"),
                new Case("sql at start, unqualified, in the migrated schema", """
                        - sql:
                            up: CREATE TABLE feature_flags (name text PRIMARY KEY, enabled boolean NOT NULL DEFAULT false)
                            down: DROP TABLE feature_flags
                        """, "CREATE TABLE feature_flags (name text PRIMARY KEY, enabled boolean NOT NULL DEFAULT false)",
                        "INSERT INTO users (name, email) VALUES ('New Writer', 'new@example.com')"),
                new Case("alter_column type of a column that owns the sequence of its default", """
                        - alter_column: {table: orders, column: invoice_no, type: bigint, up: "CAST(invoice_no AS bigint)", down: "CAST(invoice_no AS integer)"}
                        """, "ALTER TABLE orders ALTER COLUMN invoice_no TYPE bigint", "orders",
                        "INSERT INTO orders (user_id, amount, placed_at) VALUES (1, 10, now())",
                        "INSERT INTO orders (user_id, amount, placed_at) VALUES (2, 20, now())",
                        "SELECT count(*) - count(DISTINCT invoice_no) FROM orders"),
                new Case("alter_column on the key column of a partitioned table, which owns its sequence", """
                        - alter_column: {table: events, column: id, comment: one per event, up: id, down: id}
                        """, "COMMENT ON COLUMN events.id IS 'one per event'", "events", EVENT_OLD_WRITE, EVENT_NEW_WRITE),
                new Case("alter_column on a column with a collation of its own and a unique constraint", """
                        - alter_column: {table: teams, column: slug, comment: the address part, up: slug, down: slug}
                        """, "COMMENT ON COLUMN teams.slug IS 'the address part'", "teams",
                        "INSERT INTO teams (id, title, slug) VALUES (1001, 'Old', 'old')",
                        "INSERT INTO teams (id, title, slug) VALUES (1002, 'New', 'new')"),
                new Case("alter_column nullable false on users.team_id: its foreign key to teams, a multi-column index,"
                        + " a unique partial expression index, extended statistics, views and the materialized view", """
                        - alter_column: {table: users, column: team_id, nullable: false, up: "coalesce(team_id, 1)", down: team_id}
                        """, "UPDATE users SET team_id = 1 WHERE team_id IS NULL; ALTER TABLE users ALTER COLUMN team_id SET NOT NULL",
                        "INSERT INTO users (name, email, age, team_id) VALUES ('New Writer', 'new@example.com', '44', 2)"),
                new Case("alter_column on users.age, whose commented check, views and materialized view read it", """
                        - alter_column: {table: users, column: age, comment: years, up: age, down: age}
                        """, "COMMENT ON COLUMN users.age IS 'years'",
                        "INSERT INTO users (name, email, age, team_id) VALUES ('New Writer', 'new@example.com', '44', 2)"),
                new Case("drop_multicolumn_constraint: a check on two columns of invitations", """
                        - drop_multicolumn_constraint:
                            table: invitations
                            name: invitations_accepted_after_sent
                            up: {accepted_at: accepted_at, sent_at: sent_at}
                            down: {accepted_at: "CASE WHEN accepted_at < sent_at THEN sent_at ELSE accepted_at END", sent_at: sent_at}
                        """, "ALTER TABLE invitations DROP CONSTRAINT invitations_accepted_after_sent", "invitations",
                        "INSERT INTO invitations (invited_email, invited_by, team_id, token, sent_at, accepted_at)"
                        + " VALUES ('user1@example.com', 1, 1, 'old-token', '2025-01-02', '2025-01-03')",
                        "INSERT INTO invitations (invited_email, invited_by, team_id, token, sent_at, accepted_at)"
                        + " VALUES ('user2@example.com', 1, 1, 'new-token', '2025-01-02', '2025-01-04')"),
                new Case("create_index on an expression", """
                        - create_index: {name: users_lower_name_idx, table: users, columns: [name]}
                        """, "CREATE INDEX users_lower_name_idx ON users (name)",
                        "INSERT INTO users (name, email, age, team_id) VALUES ('New Writer', 'new@example.com', '44', 2)"));
        return TestDatabases.versions().flatMap(pg -> cases.stream().map(c -> Arguments.of(pg, c)));
    }

    static Stream<Arguments> refused() {
        List<Refused> refused = List.of(
                new Refused("a type change a check constraint cannot take", """
                        - alter_column: {table: users, column: age, type: integer, up: "CAST(nullif(age, '') AS integer)", down: "CAST(age AS text)"}
                        """, List.of("users_age_digits"), false),
                new Refused("a change of the partition key column", """
                        - alter_column: {table: events, column: occurred_at, comment: when, up: occurred_at, down: occurred_at}
                        """, List.of("column \"occurred_at\"", "partition key"), true),
                new Refused("dropping a column that views read", """
                        - drop_column: {table: users, column: age}
                        """, List.of("view active_users", "materialized view team_stats", "still read column \"age\""),
                        true));
        return TestDatabases.versions().flatMap(pg -> refused.stream().map(c -> Arguments.of(pg, c)));
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("cases")
    void bothVersionsWorkAndTheContractLeavesWhatPlainDdlWould(int pg, Case c) {
        Database db = GrownSchema.fresh(pg);
        Database twin = GrownSchema.fresh(pg);
        long rows = Long.parseLong(db.value("SELECT count(*) FROM " + c.table()));
        long written = c.table().equals("events") ? 4 : 2;
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).build();

        m.start(Migrations.yaml("02_change", "operations:\n" + c.operations().stripIndent().indent(2)));
        db.exec(c.oldWrite());
        db.exec("SET search_path = public_02_change, public", c.newWrite());
        assertThat(db.value("SELECT count(*) FROM public_02_change." + c.table())).isEqualTo(String.valueOf(rows + written));
        assertThat(db.value("SELECT count(*) FROM public." + c.table())).isEqualTo(String.valueOf(rows + written));
        m.complete();

        twin.exec(c.plainDdl());
        assertThat(Fingerprint.diff(Fingerprint.of(twin.dataSource(), "public"), Fingerprint.of(db.dataSource(), "public")))
                .as("the catalog after complete, against plain DDL on a twin (- twin, + Tuesday)").isEmpty();
        assertThat(db.value("SELECT count(*) FROM " + c.table())).isEqualTo(String.valueOf(rows + written));
        if (c.noneLeft() != null) {
            assertThat(db.value(c.noneLeft())).as(c.noneLeft()).isEqualTo("0");
        }
        assertThat(db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_name LIKE '\\_tuesday%'")).isEmpty();
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("refused")
    void whatCannotBeCarriedIsRefusedAtValidateAndStartWithNothingChanged(int pg, Refused r) throws Exception {
        Database db = GrownSchema.fresh(pg);
        List<String> before = Fingerprint.of(db.dataSource(), "public");
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("refused").resolve("02_change.yaml");
        java.nio.file.Files.writeString(file, "operations:\n" + r.operations().stripIndent().indent(2));
        if (r.atValidate()) {
            assertThatThrownBy(() -> m.validate(file)).isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(r.words()));
        } else {
            assertThat(m.validate(file)).as("a plain validate takes no lock, so it does not rehearse").containsExactly("02_change");
        }
        assertThatThrownBy(() -> m.validate(file, true)).as("validate, rehearsed").isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(r.words()));

        assertThatThrownBy(() -> m.start(Migrations.yaml("02_change", "operations:\n" + r.operations().stripIndent().indent(2))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(r.words()));
        assertThat(Fingerprint.diff(before, Fingerprint.of(db.dataSource(), "public"))).isEmpty();
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_02_change'")).isEqualTo("0");
    }

    @OnOldestAndNewestPostgres
    void aPartitionCreatedDuringTheMigrationIsCoveredByItsIndexesTriggerAndSwap(int pg) {
        Database db = GrownSchema.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).build();
        m.start(Migrations.yaml("02_change", """
                operations:
                  - alter_column: {table: events, column: payload, comment: what happened, up: payload, down: payload}
                  - create_index: {name: events_kind_idx, table: events, columns: [kind]}
                """));
        db.exec("CREATE TABLE events_2040 PARTITION OF events FOR VALUES FROM ('2040-01-01 00:00:00+00')"
                + " TO ('2041-01-01 00:00:00+00')");
        db.exec("INSERT INTO events (user_id, kind, payload, occurred_at) VALUES (1, 'login', '{\"old\": 1}', '2040-02-01')");
        db.exec("SET search_path = public_02_change, public", "INSERT INTO events (user_id, kind, payload, occurred_at)"
                + " VALUES (2, 'login', '{\"new\": 2}', '2040-03-01')");
        assertThat(db.rows("SELECT payload::text FROM public_02_change.events WHERE occurred_at >= '2040-01-01'"
                + " AND occurred_at < '2041-01-01' ORDER BY occurred_at"))
                .containsExactly(List.of("{\"old\": 1}"), List.of("{\"new\": 2}"));
        m.complete();

        assertThat(db.rows("SELECT payload::text FROM events_2040 ORDER BY occurred_at"))
                .containsExactly(List.of("{\"old\": 1}"), List.of("{\"new\": 2}"));
        // Each index of the partitioned table is valid and has an attached index on every partition.
        assertThat(db.rows("SELECT c.relname, i.indisvalid, (SELECT count(*) FROM pg_inherits h WHERE h.inhparent = c.oid)"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'public.events'::regclass"
                + " ORDER BY 1")).containsExactly(List.of("events_kind_idx", "t", "4"), List.of("events_payload_idx", "t", "4"),
                List.of("events_pkey", "t", "4"), List.of("events_user_id_occurred_at_idx", "t", "4"));
        // The partition partitioned again has its own index attached, valid, with its two halves'.
        assertThat(db.rows("SELECT count(*), bool_and(i.indisvalid), sum((SELECT count(*) FROM pg_inherits h"
                + " WHERE h.inhparent = c.oid)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = 'public.events_2025'::regclass")).containsExactly(List.of("4", "t", "8"));
        assertThat(db.value("SELECT count(*) FROM pg_constraint WHERE conname = 'events_payload_is_object' AND convalidated"))
                .as("on the table and each of its six partitions").isEqualTo("7");
        assertThat(db.value("SELECT col_description('public.events'::regclass, attnum) FROM pg_attribute"
                + " WHERE attrelid = 'public.events'::regclass AND attname = 'payload'")).isEqualTo("what happened");
    }

    /** A type change and the objects whose catalog lines it changes, every other line being the same. */
    record TypeChange(String column, String type, List<String> changed) {
        @Override
        public String toString() {
            return "users." + column + " becomes " + type;
        }
    }

    static Stream<Arguments> typeChanges() {
        List<TypeChange> changes = List.of(
                new TypeChange("name", "varchar(200)", List.of("column active_users.name", "column public_profiles.name",
                        "column team_directory.name", "column team_members.name", "column users.name",
                        "index users_team_lower_name_key", "matview team_stats", "trigger users.users_audit_name")),
                new TypeChange("email", "varchar(320)", List.of("column active_users.email",
                        "column team_directory.email", "column team_members.email", "column users.email",
                        "index users_lower_email_idx", "policy documents.documents_visible", "view team_directory")));
        return TestDatabases.versions().flatMap(pg -> changes.stream().map(c -> Arguments.of(pg, c)));
    }

    /**
     * A type change that views show, on columns that a foreign key of another table, a unique
     * constraint, indexes, triggers and a policy stand on too: {@code CREATE OR REPLACE VIEW}
     * cannot change a column's type, so the views (with the one built on them) are dropped and
     * made again in the contract, the materialized view rebuilt; what changes is exactly what the
     * new type changes, nothing is lost (options, check option, grants, comments of everything
     * around stay the same).
     */
    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("typeChanges")
    void aTypeChangeThatViewsShowMakesThemAgainAndChangesNothingElse(int pg, TypeChange change) throws Exception {
        Database db = GrownSchema.fresh(pg);
        // A reporting role owns the materialized view and a view: they are made again under it.
        try (java.sql.Connection c = db.server().dataSource(db.name(), dev.tuesday.embedded.PostgresServer.SUPERUSER)
                .getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN CREATE ROLE reporting NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            st.execute("GRANT reporting TO " + TestDatabases.OWNER);
        }
        db.exec("GRANT USAGE, CREATE ON SCHEMA public TO reporting", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting",
                "ALTER MATERIALIZED VIEW team_stats OWNER TO reporting", "ALTER VIEW team_directory OWNER TO reporting");
        List<String> before = Fingerprint.of(db.dataSource(), "public");
        long users = Long.parseLong(db.value("SELECT count(*) FROM users"));
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(50).build();
        m.start(Migrations.yaml("02_change", "operations:\n  - alter_column: {table: users, column: " + change.column()
                + ", type: \"" + change.type() + "\", up: \"CAST(" + change.column() + " AS " + change.type() + ")\", down: "
                + change.column() + "}\n"));
        db.exec(OLD_WRITE);
        db.exec("SET search_path = public_02_change, public",
                "INSERT INTO users (name, email) VALUES ('New Writer', 'new@example.com')");
        // The application's own views are not versioned: until the contract they show the old column.
        assertThat(db.value("SELECT pg_typeof(" + change.column() + ") FROM public.active_users LIMIT 1")).isEqualTo("text");
        m.complete();

        List<String> diff = Fingerprint.diff(before, Fingerprint.of(db.dataSource(), "public"));
        assertThat(diff.stream().map(line -> String.join(" ", List.of(line.split(" ")).subList(1, 3)).replaceAll(":$", ""))
                .distinct().sorted().toList()).as(String.join("\n", diff)).containsExactlyElementsOf(change.changed());
        assertThat(diff).filteredOn(l -> l.startsWith("+ column")).allMatch(l -> l.contains("type=character varying("));
        assertThat(db.value("SELECT pg_typeof(" + change.column() + ") FROM active_users LIMIT 1"))
                .isEqualTo("character varying");
        assertThat(db.value("SELECT count(*) FROM team_directory")).isNotEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM users")).isEqualTo(String.valueOf(users + 2));
    }

    @OnOldestAndNewestPostgres
    void anObjectMadeOnTheColumnAfterStartStopsCompleteWithItsNameAndNothingChanges(int pg) {
        Database db = GrownSchema.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(Migrations.yaml("02_change", """
                operations:
                  - alter_column: {table: users, column: email, nullable: false, up: "coalesce(email, 'u' || id || '@x')", down: email}
                  - drop_column: {table: users, column: preferences}
                """));
        db.exec("CREATE VIEW late_emails AS SELECT id, email FROM users");
        db.exec("CREATE VIEW late_preferences AS SELECT id, preferences FROM users");
        List<String> before = Fingerprint.of(db.dataSource(), "public");

        assertThatThrownBy(m::complete).isInstanceOf(MigrationStateException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("view late_preferences"));
        db.exec("DROP VIEW late_preferences");
        assertThatThrownBy(m::complete).isInstanceOf(MigrationStateException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("view late_emails", "made after start"));
        // The refused completes changed nothing: only the view dropped by hand is gone.
        assertThat(Fingerprint.diff(before, Fingerprint.of(db.dataSource(), "public"))).isNotEmpty()
                .allMatch(l -> l.startsWith("- ") && l.contains("late_preferences"));
        db.exec("DROP VIEW late_emails");
        m.complete();
        assertThat(db.value("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'email'"))
                .isEqualTo("t");
    }
}
