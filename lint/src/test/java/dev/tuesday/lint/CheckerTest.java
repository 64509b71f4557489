package dev.tuesday.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code tuesday check} on the running example: v1's queries against the name → full_name migration. */
class CheckerTest {

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    static Path resource(String name) {
        try {
            return Path.of(CheckerTest.class.getResource("/example/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CheckReport check(String migration) {
        return Checker.configure().server(postgres.server()).startingSchema(StartingSchema.from(resource("schema.sql"))).build()
                .check(Queries.read(resource("v1-queries.sql")), resource(migration));
    }

    @Test
    void thePlainRenameBreaksV1sSelectOnceApplied() {
        CheckReport report = check("rename-plain.sql");

        assertThat(report.in(CheckPoint.BEFORE)).isEmpty();
        assertThat(report.in(CheckPoint.APPLIED)).extracting(CheckFailure::query)
                .containsExactlyInAnyOrder("SELECT name FROM users WHERE id = $1",
                        "INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id");
        assertThat(report.in(CheckPoint.APPLIED).get(0).error()).contains("column \"name\" does not exist");
        assertThat(report.breaksRunningVersion()).isTrue();
        assertThat(report.breaksRunningVersion()).isTrue();
    }

    @Test
    void tuesdaysRenameColumnKeepsV1WorkingAfterStartAndBreaksItAfterCompleteAsExpected() {
        CheckReport report = check("02_full_name.yaml");

        assertThat(report.points()).containsExactly(CheckPoint.START, CheckPoint.COMPLETE);
        assertThat(report.in(CheckPoint.START)).isEmpty();
        assertThat(report.in(CheckPoint.COMPLETE)).extracting(CheckFailure::query)
                .contains("SELECT name FROM users WHERE id = $1");
        assertThat(report.in(CheckPoint.COMPLETE)).allMatch(CheckFailure::expected);
        assertThat(report.breaksRunningVersion()).isFalse();
        assertThat(report.render(Format.HUMAN))
                .contains("after start: every query prepares")
                .contains("expected: the old version must be stopped before complete")
                .contains("the running version keeps working while the migration runs");
    }

    @Test
    void whenTheSchemaComesFromTuesdayMigrationsTheRunningVersionReadsThroughItsVersionSchema() throws Exception {
        Path ops = Path.of(CheckerTest.class.getResource("/ops").toURI());
        CheckReport report = Checker.configure().server(postgres.server()).startingSchema(StartingSchema.from(ops)).build()
                .check(Queries.parse("v1.sql", "SELECT name FROM users WHERE id = $1"), resource("02_full_name.yaml"));

        assertThat(report.searchPath()).isEqualTo("public_01_users");
        assertThat(report.in(CheckPoint.BEFORE)).isEmpty();
        assertThat(report.in(CheckPoint.START)).isEmpty();
        assertThat(report.in(CheckPoint.COMPLETE)).singleElement().satisfies(f -> assertThat(f.expected()).isTrue());
        assertThat(report.breaksRunningVersion()).isFalse();
    }

    @Test
    void withOnlyAUrlTheQueriesComeFromPgStatStatementsAndTheSchemaFromTheLiveDatabase() throws Exception {
        TestDatabase live = postgres.freshDatabase("live", "app");
        live.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, email text)",
                // Stands in for the extension's view (which needs shared_preload_libraries): same columns read.
                "CREATE VIEW pg_stat_statements AS SELECT * FROM (VALUES "
                        + "('SELECT name FROM users WHERE id = $1', (SELECT oid FROM pg_database WHERE datname = current_database()), 90), "
                        + "('SELECT email FROM users WHERE id = $1', (SELECT oid FROM pg_database WHERE datname = current_database()), 50), "
                        + "('SET application_name = $1', (SELECT oid FROM pg_database WHERE datname = current_database()), 10)"
                        + ") AS s(query, dbid, calls)");
        String url = live.jdbcUrlWithPassword();
        assertThat(Queries.fromPgStatStatements(url)).extracting(Query::sql)
                .containsExactly("SELECT name FROM users WHERE id = $1", "SELECT email FROM users WHERE id = $1");

        CheckReport report = Checker.configure().server(postgres.server()).startingSchema(new StartingSchema(url, null, null)).build()
                .check(Queries.fromPgStatStatements(url), resource("rename-plain.sql"));
        assertThat(report.breaksRunningVersion()).isTrue();
        assertThat(report.render(Format.HUMAN)).contains("pg_stat_statements:1: SELECT name FROM users WHERE id = $1")
                .doesNotContain("SELECT email");
    }

    @Test
    void aSchemaFolderHoldingTheMigrationIsAppliedOnlyUpToIt() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("check-folder");
        java.nio.file.Files.copy(resource("schema.sql"), dir.resolve("V1__users.sql"));
        java.nio.file.Files.copy(resource("rename-plain.sql"), dir.resolve("V2__rename.sql"));
        java.nio.file.Files.writeString(dir.resolve("V3__later.sql"), "ALTER TABLE users DROP COLUMN email;");
        CheckReport report = Checker.configure().server(postgres.server()).startingSchema(StartingSchema.from(dir)).build()
                .check(Queries.read(resource("v1-queries.sql")), dir.resolve("V2__rename.sql"));

        assertThat(report.in(CheckPoint.BEFORE)).isEmpty();
        assertThat(report.in(CheckPoint.APPLIED)).hasSize(2);
    }

    @Test
    void aQueryFileSeparatedBySemicolonsIsReadStatementByStatement() {
        List<Query> q = Queries.parse("q.sql", "SELECT 1;\n-- a comment; with a semicolon\nSELECT name\n  FROM users;\n");
        assertThat(q).extracting(Query::sql).containsExactly("SELECT 1", "SELECT name\n  FROM users");
        assertThat(q).extracting(Query::line).containsExactly(1, 3);
    }

    @Test
    void theJsonReportSaysTheRunningVersionBreaksAndWhere() {
        CheckReport report = check("rename-plain.sql");
        assertThat(report.render(Format.JSON)).contains("\"breaksRunningVersion\" : true")
                .contains("\"phase\" : \"applied\"");
    }
}
