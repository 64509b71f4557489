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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of object that Tuesday does not carry to a replaced column, or that still reads a
 * dropped one, made on the grown schema ({@link GrownSchema}): {@code validate} and {@code start}
 * both refuse with one line that names the object and says what to do instead, and the catalog is
 * left exactly as it was.
 */
class CannotCarryTest {

    /** An object made on the grown schema, a migration replacing the column it stands on, the words of the refusal. */
    record Case(String name, String setup, String operations, List<String> words) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String AGAIN = "drop it before the migration and create it again after";

    static Stream<Arguments> cases() {
        List<Case> cases = List.of(
                new Case("an exclusion constraint", """
                        CREATE TABLE bookings (id bigint PRIMARY KEY, during tstzrange NOT NULL,
                            CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&))""", """
                        - alter_column: {table: bookings, column: during, comment: when, up: during, down: during}
                        """, List.of("constraint bookings_no_overlap", "exclusion constraints", AGAIN)),
                new Case("a foreign key of the table to itself, on the column it points at", """
                        CREATE TABLE categories (id bigint PRIMARY KEY,
                            parent_id bigint CONSTRAINT categories_parent_id_fkey REFERENCES categories (id))""", """
                        - alter_column: {table: categories, column: id, comment: the key, up: id, down: id}
                        """, List.of("constraint categories_parent_id_fkey", "to itself", AGAIN)),
                new Case("a generated column computed from the column", "SELECT 1", """
                        - alter_column: {table: users, column: status, comment: lifecycle, up: status, down: status}
                        """, List.of("column is_deleted of table users", "generated column",
                        "drop the generation expression first")),
                new Case("the column is generated itself", "SELECT 1", """
                        - alter_column: {table: users, column: is_deleted, comment: gone, up: is_deleted, down: is_deleted}
                        """, List.of("column \"is_deleted\"", "generated column", "add a new generated column")),
                new Case("a rule that reads the column", """
                        CREATE RULE users_keep_admin AS ON DELETE TO users
                            WHERE OLD.email = 'admin@example.com' DO INSTEAD NOTHING""",
                        GrownSchema.operations(GrownSchema.EMAIL_NOT_NULL).substring("operations:\n".length()),
                        List.of("rule users_keep_admin", "rules are not carried", "drop the rule before the migration")),
                new Case("a materialized view that views are built on", """
                        CREATE VIEW team_sizes AS SELECT team_id, members FROM team_stats""",
                        GrownSchema.operations(GrownSchema.NAME_NOT_BLANK).substring("operations:\n".length()),
                        List.of("materialized view team_stats", "views are built on the materialized view",
                                "drop them before the migration")),
                new Case("a view over one partition of a partitioned table", """
                        CREATE VIEW events_2024_payloads AS SELECT id, payload FROM events_2024""", """
                        - alter_column: {table: events, column: payload, comment: what happened, up: payload, down: payload}
                        """, List.of("view events_2024_payloads", "partition events_2024", AGAIN)),
                new Case("a drop of a column that a view over one partition reads", """
                        CREATE VIEW events_2024_kinds AS SELECT id, kind FROM events_2024""", """
                        - drop_column: {table: events, column: kind, down: "'login'::event_kind"}
                        """, List.of("view events_2024_kinds", "still read column \"kind\"")),
                new Case("a drop of a partitioned table that a view over one partition reads", """
                        CREATE VIEW events_2024_kinds AS SELECT id, kind FROM events_2024""", """
                        - drop_table: {name: events}
                        """, List.of("view events_2024_kinds", "table \"events\"")),
                new Case("an index on one partition of a partitioned table", """
                        CREATE INDEX events_2024_n_idx ON events_2024 ((payload ->> 'n'))""", """
                        - alter_column: {table: events, column: payload, comment: what happened, up: payload, down: payload}
                        """, List.of("index events_2024_n_idx", "partition events_2024", AGAIN)));
        return TestDatabases.versions().flatMap(pg -> cases.stream().map(c -> Arguments.of(pg, c)));
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("cases")
    void validateAndStartRefuseInOneLineNamingTheObjectAndTheWayOutAndNothingChanges(int pg, Case c) throws Exception {
        Database db = GrownSchema.fresh(pg);
        db.exec(c.setup());
        List<String> before = Fingerprint.of(db.dataSource(), "public");
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        Path file = Files.createTempDirectory("refused").resolve("02_change.yaml");
        Files.writeString(file, "operations:\n" + c.operations().stripIndent().indent(2));

        assertThatThrownBy(() -> m.validate(file)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(c.words()));
        assertThatThrownBy(() -> m.start(Migrations.yaml("02_change", "operations:\n" + c.operations().stripIndent().indent(2))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(c.words()));

        assertThat(Fingerprint.diff(before, Fingerprint.of(db.dataSource(), "public"))).isEmpty();
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_02_change'")).isEqualTo("0");
        Files.delete(file);
    }
}
