package dev.tuesday.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresChecksTest {

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    private TestDatabase database;
    private DataSource db;

    @BeforeEach
    void freshDatabase() {
        database = postgres.freshDatabase("checks", "app");
        db = database.dataSource();
    }

    @Test
    void databaseCheckPassesOnAReachableDatabaseAndFailsWithoutSecretsOnAWrongOne() throws Exception {
        assertThat(Checks.database(db, Duration.ofSeconds(1)).check().passed()).isTrue();

        PGSimpleDataSource wrong = new PGSimpleDataSource();
        wrong.setServerNames(new String[] {"127.0.0.1"});
        wrong.setPortNumbers(new int[] {database.server().port()});
        wrong.setDatabaseName("no_such_database");
        wrong.setUser("app");
        wrong.setPassword(database.password());
        Health health = Health.configure().readiness("database", Checks.database(wrong, Duration.ofSeconds(1))).build();
        health.markReady();
        HealthReport report = health.check(Probe.READINESS);
        assertThat(report.passed()).isFalse();
        assertThat(report.toJson(true)).contains("no_such_database").contains("3D000").doesNotContain(database.password());
    }

    @Test
    void versionSchemaCheckPassesOnlyOnceTheSchemaExists() throws Exception {
        HealthCheck check = Checks.versionSchema(db, "public_02_full_name");
        assertThat(check.check()).isEqualTo(CheckResult.fail("version schema public_02_full_name does not exist"));
        database.execute("CREATE SCHEMA public_02_full_name");
        assertThat(check.check().passed()).isTrue();
    }

    @Test
    void versionSchemaComesFromTheEnvironmentFirstThenFromTuesdaysState() throws Exception {
        assertThat(VersionSchema.latest(db, "public")).isEmpty();
        assertThat(VersionSchema.resolve(Map.of(), db, "public", "public")).isEqualTo("public");

        database.execute("CREATE SCHEMA tuesday",
                "CREATE TABLE tuesday.migrations (schema text, name text, version_schema text, status text, started_at timestamptz)",
                "INSERT INTO tuesday.migrations VALUES"
                        + " ('public', '01_create_users', 'public_01_create_users', 'complete', now() - interval '2 hours'),"
                        + " ('public', '02_full_name', 'public_02_full_name', 'active', now() - interval '1 hour'),"
                        + " ('public', '03_oops', 'public_03_oops', 'rolled_back', now()),"
                        + " ('other', '09_other', 'other_09_other', 'active', now())");
        assertThat(VersionSchema.latest(db, "public")).hasValue("public_02_full_name");
        assertThat(VersionSchema.resolve(Map.of(), db, "public", "public")).isEqualTo("public_02_full_name");
        assertThat(VersionSchema.resolve(Map.of("TUESDAY_SCHEMA", "public_01_create_users"), db, "public", "public"))
                .isEqualTo("public_01_create_users");
        assertThat(VersionSchema.withSearchPath("jdbc:postgresql://127.0.0.1:5432/app", "public_02_full_name"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/app?currentSchema=public_02_full_name");
    }
}
