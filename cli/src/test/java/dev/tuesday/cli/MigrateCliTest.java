package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuesday.testsupport.RunningExampleFiles;
import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MigrateCliTest {

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    @TempDir
    Path dir;

    /** A fresh database owned by an ordinary role; returns a 0600 file holding its URL with the password. */
    static String freshDatabase() throws Exception {
        TestDatabase db = postgres.freshDatabase("cli", "app");
        Path file = Files.createTempFile(db.name(), ".url", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, db.jdbcUrlWithPassword() + "\n");
        return file.toString();
    }

    /** The database named in the URL file {@code urlFile}. */
    static String database(String urlFile) throws Exception {
        String url = Files.readString(Path.of(urlFile));
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    }

    static TuesdayCommandTest.Result tuesday(String... args) {
        return TuesdayCommandTest.run(args);
    }

    Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    Path createUsers() throws Exception {
        return RunningExampleFiles.createUsers(dir);
    }

    Path renameName() throws Exception {
        return RunningExampleFiles.renameName(dir);
    }

    @Test
    void startCompleteStatusAndLatestWorkOnTheGivenDatabase() throws Exception {
        String url = freshDatabase();
        assertThat(tuesday("migrate", "start", createUsers().toString(), "--complete", "--url-file", url).exit()).isZero();
        assertThat(tuesday("migrate", "start", renameName().toString(), "--url-file", url).exit()).isZero();

        var latest = tuesday("migrate", "latest", "--url-file=" + url);
        assertThat(latest.exit()).isZero();
        assertThat(latest.out().strip()).isEqualTo("public_02_full_name");
        var embeddedUrl = tuesday("migrate", "latest", "--url");
        // No TUESDAY_DATABASE_URL in the test JVM: the embedded default has no migration yet.
        assertThat(embeddedUrl.exit()).isEqualTo(1);
        assertThat(embeddedUrl.err()).contains("no version schema yet");

        var status = tuesday("migrate", "status", "--json", "--url-file", url);
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("\"name\" : \"02_full_name\"").contains("\"status\" : \"active\"");

        assertThat(tuesday("migrate", "complete", "--url-file", url).exit()).isZero();
        try (Connection c = postgres.server().dataSource(database(url), "app").getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns"
                     + " WHERE table_schema = 'public' AND table_name = 'users' ORDER BY ordinal_position")) {
            rs.next();
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("full_name");
        }
    }

    @Test
    void twoMigrationsInFlightShowAsAChainRollbackByNameUndoesOnlyTheNewestOnceAndCompleteAllCompletesBoth() throws Exception {
        String url = freshDatabase();
        assertThat(tuesday("migrate", "start", createUsers().toString(), "--complete", "--url-file", url).exit()).isZero();
        Path email = write("02_email.yaml", """
                operations:
                  - add_column: {table: users, column: {name: email, type: text, nullable: true}}
                """);
        assertThat(tuesday("migrate", "start", email.toString(), "--url-file", url).exit()).isZero();
        Path rename = write("03_full_name.yaml", """
                operations:
                  - rename_column: {table: users, from: name, to: full_name}
                """);
        assertThat(tuesday("migrate", "start", rename.toString(), "--url-file", url).exit()).isZero();

        var status = tuesday("migrate", "status", "--url-file", url);
        assertThat(status.out()).contains("in flight: 2 migrations, oldest first")
                .contains("active: 02_email (started").contains("active: 03_full_name (started");
        assertThat(tuesday("migrate", "latest", "--url-file", url).out().strip()).isEqualTo("public_03_full_name");

        var notNewest = tuesday("migrate", "rollback", "02_email", "--url-file", url);
        assertThat(notNewest.exit()).isEqualTo(1);
        assertThat(notNewest.err()).contains("\"02_email\" is active but not the newest in flight: roll back \"03_full_name\" first");
        assertThat(tuesday("migrate", "rollback", "03_full_name", "--url-file", url).out().strip()).isEqualTo("rolled back 03_full_name");
        var complete = tuesday("migrate", "rollback", "01_create_users", "--url-file", url);
        assertThat(complete.exit()).isEqualTo(1);
        assertThat(complete.err()).contains("\"01_create_users\" is complete: only the newest active migration rolls back");
        var unknown = tuesday("migrate", "rollback", "09_nope", "--url-file", url);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no migration \"09_nope\"");
        assertThat(tuesday("migrate", "latest", "--url-file", url).out().strip()).as("refusals change nothing")
                .isEqualTo("public_02_email");
        var again = tuesday("migrate", "rollback", "03_full_name", "--url-file", url);
        assertThat(again.exit()).isZero();
        assertThat(again.out().strip()).isEqualTo("03_full_name was already rolled back: nothing to do");
        assertThat(tuesday("migrate", "latest", "--url-file", url).out().strip()).isEqualTo("public_02_email");
        assertThat(tuesday("migrate", "start", rename.toString(), "--url-file", url).exit()).isZero();

        var all = tuesday("migrate", "complete", "--all", "--url-file", url);
        assertThat(all.exit()).isZero();
        assertThat(all.out().strip()).isEqualTo("completed: 02_email, 03_full_name");
        assertThat(tuesday("migrate", "status", "--url-file", url).out()).contains("active: none");
    }

    @Test
    void analyzePrintsTheSchemaWithWhatStandsOnEachColumn() throws Exception {
        String url = freshDatabase();
        assertThat(tuesday("migrate", "start", createUsers().toString(), "--complete", "--url-file", url).exit()).isZero();
        try (Connection c = postgres.server().dataSource(database(url), "app").getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE INDEX users_name_idx ON public.users (name)");
            s.execute("CREATE VIEW public.user_names AS SELECT name FROM public.users");
        }
        var analyze = tuesday("migrate", "analyze", "--url-file", url);
        assertThat(analyze.exit()).as(analyze.err()).isZero();
        JsonNode users = new ObjectMapper().readTree(analyze.out()).get("tables").get(0);
        assertThat(users.get("name").asText()).isEqualTo("users");
        JsonNode name = users.get("columns").get(1);
        assertThat(name.get("name").asText()).isEqualTo("name");
        assertThat(name.get("stands_on_it").toString()).contains("index users_name_idx").contains("view user_names");
        assertThat(users.get("indexes").toString()).contains("CREATE INDEX users_name_idx ON public.users USING btree (name)");
    }

    @Test
    void aBackfillShowsHowFarItIsWithPercentRateAndTimeLeftWhenNotOnATerminal() throws Exception {
        String url = freshDatabase();
        assertThat(tuesday("migrate", "start", createUsers().toString(), "--complete", "--url-file", url).exit()).isZero();
        try (Connection c = postgres.server().dataSource(database(url), "app").getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (name) SELECT 'n' || g FROM generate_series(1, 4000) g");
            s.execute("ANALYZE users");
        }
        Path upper = write("02_upper.yaml", """
                operations:
                  - add_column: {table: users, up: upper(name), column: {name: shout, type: text, nullable: true}}
                """);

        var r = tuesday("migrate", "start", upper.toString(), "--url-file", url, "--backfill-batch-size", "100",
                "--backfill-delay", "60ms");

        assertThat(r.exit()).as(r.err()).isZero();
        // About 40 batches of 60 ms and more: the first count comes after a second, as one plain line.
        assertThat(r.err() + r.out()).containsPattern("02_upper: backfill \"users\": [0-9]+ of ~4000 rows"
                + " \\([0-9]+ %\\), [0-9]+ rows/s, about [0-9]+ s left");
        assertThat(r.err() + r.out()).contains("backfill \"users\" done: 4000 rows");
    }

    @Test
    void migrateAppliesAFolderOnceAndASecondRunAppliesNothing() throws Exception {
        String url = freshDatabase();
        createUsers();
        renameName();
        var first = tuesday("migrate", "migrate", dir.toString(), "--url-file", url);
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("01_create_users, 02_full_name").contains("02_full_name is active");
        var second = tuesday("migrate", "migrate", dir.toString(), "--url-file", url);
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("nothing to apply");
    }

    /**
     * A deploy script's path: ask the files which schema the new version needs before the database
     * is reachable, apply one migration leaving it active, and complete it only once the old
     * version has gone.
     */
    @Test
    void aDeployAsksTheFilesAppliesOneMigrationAndCompletesOnceTheOldVersionIsGone() throws Exception {
        String url = freshDatabase();
        createUsers();
        assertThat(tuesday("migrate", "migrate", dir.toString(), "--complete", "--url-file", url).out())
                .contains("applied: 01_create_users").doesNotContain("is active");
        renameName();

        assertThat(tuesday("migrate", "latest", "schema", "--local", dir.toString()).out().strip()).isEqualTo("public_02_full_name");
        assertThat(tuesday("migrate", "latest", "migration", "--local", dir.toString()).out().strip()).isEqualTo("02_full_name");
        var localUrl = tuesday("migrate", "latest", "url", "--local", dir.toString(), "--url-file", url);
        assertThat(localUrl.out().strip()).endsWith("currentSchema=public_02_full_name").contains("password=***");
        assertThat(tuesday("migrate", "latest", "migration", "--url-file", url).out().strip()).isEqualTo("01_create_users");

        createUsers();
        write("03_email.yaml", """
                operations:
                  - add_column: {table: users, column: {name: email, type: text, nullable: true}}
                """);
        var two = tuesday("migrate", "migrate", dir.toString(), "--expect-one", "--url-file", url);
        assertThat(two.exit()).isEqualTo(1);
        assertThat(two.err()).contains("expected one pending migration, found 2: 02_full_name, 03_email");
        Files.delete(dir.resolve("03_email.yaml"));

        var deploy = tuesday("migrate", "migrate", dir.toString(), "--expect-one", "--url-file", url);
        assertThat(deploy.exit()).as(deploy.err()).isZero();
        assertThat(deploy.out()).contains("applied: 02_full_name")
                .contains("02_full_name is active (version schema public_02_full_name): complete it once no older version runs");
        assertThat(tuesday("migrate", "latest", "migration", "--url-file", url).out().strip()).isEqualTo("02_full_name");

        DataSource ds = postgres.server().dataSource(database(url), "app");
        try (Connection v1 = ds.getConnection(); Statement s = v1.createStatement()) {
            s.execute("SET application_name = '" + dev.tuesday.health.VersionSchema.applicationName("public_01_create_users",
                    "users-service-v1") + "'");
            var refused = tuesday("migrate", "complete", "--url-file", url, "--version-in-use-wait", "200ms");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("complete of \"02_full_name\" would drop version schema \"public_01_create_users\"")
                    .contains("public_01_create_users users-service-v1").contains("--force");
            s.execute("INSERT INTO users (name) VALUES ('Ada')"); // v1 still works
        }
        var complete = tuesday("migrate", "complete", "--url-file", url);
        assertThat(complete.exit()).as(complete.err()).isZero();
        assertThat(tuesday("migrate", "status", "--json", "--url-file", url).out()).containsPattern("\"active\"\\s*:\\s*null");
    }

    @Test
    void pullWritesTheAppliedMigrationsAFolderLacks() throws Exception {
        String url = freshDatabase();
        createUsers();
        renameName();
        assertThat(tuesday("migrate", "migrate", dir.toString(), "--url-file", url).exit()).isZero();
        Path mine = dir.resolve("mine");

        var pulled = tuesday("migrate", "pull", mine.toString(), "--url-file", url);

        assertThat(pulled.exit()).as(pulled.err()).isZero();
        assertThat(pulled.out()).contains("wrote " + mine.resolve("01_create_users.yaml"))
                .contains("wrote " + mine.resolve("02_full_name.yaml"));
        assertThat(Files.readString(mine.resolve("02_full_name.yaml"))).isEqualTo(Files.readString(dir.resolve("02_full_name.yaml")));
        assertThat(tuesday("migrate", "pull", mine.toString(), "--url-file", url).out()).contains("nothing to pull");
    }

    @Test
    void aBadFileFailsWithOneLineNamingFileAndOperationAndExitOne() throws Exception {
        String url = freshDatabase();
        Path bad = write("02_x.yaml", """
                operations:
                  - create_table: {name: t, columns: [{name: id, type: int, pk: true}]}
                  - alter_column: {table: t, column: id, nulable: false, up: id, down: id}
                """);
        var r = tuesday("migrate", "start", bad.toString(), "--url-file", url);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo(
                "tuesday: 02_x.yaml: operations[1].alter_column: unknown field \"nulable\" (did you mean \"nullable\"?)");
    }

    @Test
    void validateChecksAgainstTheLiveSchemaAndChangesNothingAndRehearsesTheContractWhenAsked() throws Exception {
        String url = freshDatabase();
        assertThat(tuesday("migrate", "start", createUsers().toString(), "--complete", "--url-file", url).exit()).isZero();
        Path typo = write("03_typo.yaml", """
                operations:
                  - rename_column: {table: users, from: nmae, to: full_name}
                """);
        var bad = tuesday("migrate", "validate", typo.toString(), "--url-file", url);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("tuesday: 03_typo.yaml: operations[0].rename_column:").contains("nmae");
        var good = tuesday("migrate", "validate", renameName().toString(), "--url-file", url);
        assertThat(good.exit()).as(good.err()).isZero();
        assertThat(good.out()).contains("02_full_name");
        var status = tuesday("migrate", "status", "--json", "--url-file", url);
        assertThat(status.out()).doesNotContain("02_full_name");

        // A check the new type cannot take: only the rehearsed contract shows it.
        Path check = write("02_check.yaml", """
                operations:
                  - sql: {up: "ALTER TABLE users ADD CONSTRAINT users_name_short CHECK (length(name) < 100)"}
                """);
        assertThat(tuesday("migrate", "start", check.toString(), "--complete", "--url-file", url).exit()).isZero();
        Path toInteger = write("03_integer.yaml", """
                operations:
                  - alter_column: {table: users, column: name, type: integer, up: "CAST(nullif(name, '') AS integer)", down: "CAST(name AS text)"}
                """);
        assertThat(tuesday("migrate", "validate", toInteger.toString(), "--url-file", url).exit()).isZero();
        var rehearsed = tuesday("migrate", "validate", toInteger.toString(), "--rehearse", "--url-file", url);
        assertThat(rehearsed.exit()).isEqualTo(1);
        assertThat(rehearsed.err()).contains("users_name_short").doesNotContain("\n\t");
        assertThat(tuesday("migrate", "status", "--url-file", url).out()).contains("active: none");
    }

    @Test
    void aSecondTuesdayOnTheSameSchemaSaysWhoHoldsTheLockAndExitsOneOrWaits() throws Exception {
        String url = freshDatabase();
        assertThat(tuesday("migrate", "start", createUsers().toString(), "--complete", "--url-file", url).exit()).isZero();
        String db = database(url);
        DataSource ds = postgres.server().dataSource(db, "app");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO public.users (name) SELECT 'user ' || g FROM generate_series(1, 400) g");
        }
        Path addEmail = write("02_email.yaml", """
                operations:
                  - add_column:
                      table: users
                      column: {name: email, type: text, nullable: true}
                      up: lower(name) || '@example.com'
                """);
        // A slow backfill (40 batches, 100 ms apart) keeps the first Tuesday busy for seconds.
        CompletableFuture<TuesdayCommandTest.Result> first = CompletableFuture.supplyAsync(() -> tuesday(
                "migrate", "start", addEmail.toString(), "--url-file", url,
                "--backfill-batch-size", "10", "--backfill-delay", "100ms"));
        waitForBackfill(ds);

        var refused = tuesday("migrate", "rollback", "--url-file", url);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("being migrated by another Tuesday process").contains("tuesday migrate start");

        var waited = tuesday("migrate", "complete", "--wait", "--url-file", url);
        assertThat(first.get(60, TimeUnit.SECONDS).exit()).isZero();
        assertThat(waited.exit()).as(waited.err()).isZero();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM public.users WHERE email = lower(name) || '@example.com'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(400);
        }
    }

    private static void waitForBackfill(DataSource ds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'tuesday migrate start%'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first tuesday never started");
    }
}
