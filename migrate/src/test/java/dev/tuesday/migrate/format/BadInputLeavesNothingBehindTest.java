package dev.tuesday.migrate.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.MigrationFileException;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import dev.tuesday.migrate.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input given to {@code start}: the error names the file and the operation, and the catalog
 * (the application's schema, the state schema, the list of schemas) and the history are exactly as
 * they were before.
 */
class BadInputLeavesNothingBehindTest {

    static Stream<Arguments> badFiles() {
        Stream<Arguments> cases = Stream.of(
                arguments("malformed YAML", """
                        operations:
                          - rename_column: {table: users, from: name, to: full_name
                        """, MigrationFileException.class, "02_x.yaml:3:1: malformed YAML: "),
                arguments("unknown operation", """
                        operations: [{rename_colum: {table: users, from: name, to: full_name}}]
                        """, MigrationFileException.class,
                        "02_x.yaml: operations[0]: unknown operation \"rename_colum\" (did you mean \"rename_column\"?)"),
                arguments("unknown field", """
                        operations:
                          - rename_column: {table: users, from: name, to: full_name}
                          - alter_column: {table: users, column: email, nulable: false, up: "''"}
                        """, MigrationFileException.class,
                        "02_x.yaml: operations[1].alter_column: unknown field \"nulable\" (did you mean \"nullable\"?)"),
                arguments("missing table", """
                        operations: [{rename_column: {table: userz, from: name, to: full_name}}]
                        """, ValidationException.class,
                        "02_x.yaml: operations[0].rename_column: table \"userz\" does not exist"),
                arguments("missing column", """
                        operations:
                          - add_column: {table: users, column: {name: nick, type: text, nullable: true}}
                          - alter_column: {table: users, column: nmae, nullable: false, up: "coalesce(nmae, '')"}
                        """, ValidationException.class,
                        "02_x.yaml: operations[1].alter_column: column \"nmae\" does not exist in table \"users\""),
                arguments("duplicate column", """
                        operations:
                          - add_column: {table: users, column: {name: email, type: text, nullable: true}}
                        """, ValidationException.class,
                        "02_x.yaml: operations[0].add_column: column \"email\" already exists in table \"users\""));
        return cases.flatMap(c -> TestDatabases.versions().map(v -> arguments(v, c.get()[0], c.get()[1], c.get()[2],
                c.get()[3])));
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("badFiles")
    void badInputIsRefusedNamingFileAndOperationAndChangesNothing(int major, String why, String yaml,
            Class<? extends MigrationException> error, String message, @TempDir Path dir) throws IOException {
        Database db = TestDatabases.fresh(major);
        Migrator migrator = Migrator.configure().dataSource(db.dataSource()).build();
        migrator.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com'), (NULL, NULL)");
        Snapshot before = Snapshot.of(db);
        Path file = dir.resolve("02_x.yaml");
        Files.writeString(file, yaml);

        assertThatThrownBy(() -> migrator.start(file)).isInstanceOf(error).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        assertThat(Snapshot.of(db)).isEqualTo(before);
        assertThat(migrator.status().active()).isEmpty();
    }

    /**
     * The SQL of {@code up} is only found wrong by the database: the validator asks it, in a
     * transaction it rolls back, before any DDL, so not even a {@code rolled_back} row is left.
     */
    @OnOldestAndNewestPostgres
    void anUpThatIsNotValidSqlIsRefusedBeforeAnyDdl(int major, @TempDir Path dir) throws IOException {
        Database db = TestDatabases.fresh(major);
        Migrator migrator = Migrator.configure().dataSource(db.dataSource()).build();
        migrator.start(Migrations.createUsers(), true);
        Snapshot before = Snapshot.of(db);
        Path file = dir.resolve("02_x.yaml");
        Files.writeString(file, """
                operations:
                  - add_column: {table: users, column: {name: nick, type: text, nullable: true}}
                  - alter_column: {table: users, column: name, nullable: false, up: "coalesce(name,, 'x')"}
                """);

        assertThatThrownBy(() -> migrator.start(file)).isInstanceOf(ValidationException.class)
                .hasMessage("02_x.yaml: operations[1].alter_column: up is not valid SQL: syntax error at or near \",\" "
                        + "(in: coalesce(name,, 'x'))");

        assertThat(Snapshot.of(db)).isEqualTo(before);
    }

    /** Everything a start could leave behind: the two schemas' catalogs, the schemas, the history. */
    record Snapshot(List<String> application, List<String> state, List<List<String>> history) {
        static Snapshot of(Database db) {
            return new Snapshot(db.catalog("public"), db.catalog("tuesday"),
                    db.rows("SELECT name, status, version_schema FROM tuesday.migrations ORDER BY name"));
        }
    }
}
