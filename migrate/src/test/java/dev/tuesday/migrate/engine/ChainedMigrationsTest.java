package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.MigrationStateException;
import dev.tuesday.migrate.MigrationStatus;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import dev.tuesday.health.VersionSchema;
import dev.tuesday.migrate.VersionInUseException;
import dev.tuesday.testsupport.RunningExampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Three migrations in flight on the running example's {@code users (id, name)}: an added
 * {@code email} (filled from the name by {@code up}), the rename {@code name → full_name}, and
 * {@code email} made NOT NULL with {@code up}, each started while the versions before it keep
 * writing. A writer on each live version (v1 and the three new ones) inserts and updates
 * throughout; every row reads back in every live version's shape; then complete, complete,
 * complete — or rollback from the top — with nothing lost.
 */
class ChainedMigrationsTest {

    private static final int SEEDED = 2000;
    private static final int MAX_OPS = 600;
    private static final String V1 = "public_01_create_users";
    private static final String VA = "public_02_email";
    private static final String VB = "public_03_full_name";
    private static final String VC = "public_04_email_not_null";

    static Migration addEmail() {
        return Migrations.yaml("02_email", """
                operations:
                  - add_column:
                      table: users
                      up: lower(name) || '@example.com'
                      column: {name: email, type: text, nullable: true}
                """);
    }

    static Migration renameName() {
        return Migrations.yaml("03_full_name", """
                operations:
                  - rename_column: {table: users, from: name, to: full_name}
                """);
    }

    static Migration emailNotNull() {
        return Migrations.yaml("04_email_not_null", """
                operations:
                  - alter_column:
                      table: users
                      column: email
                      nullable: false
                      up: coalesce(email, 'none@example.com')
                """);
    }

    /** The running example's table, seeded; returns the names written. */
    Map<Long, String> seeded(Database db, Migrator m) throws Exception {
        Path dir = Files.createTempDirectory("chain");
        m.start(MigrationFile.read(RunningExampleFiles.createUsers(dir)), true);
        db.exec("INSERT INTO users (name) SELECT 'seed-' || g FROM generate_series(1, " + SEEDED + ") g");
        Map<Long, String> expected = new HashMap<>();
        LongStream.rangeClosed(1, SEEDED).forEach(id -> expected.put(id, "seed-" + id));
        LongStream.rangeClosed(1, SEEDED).forEach(id -> emails.put(id, "seed-" + id + "@example.com"));
        return expected;
    }

    static Migrator migrator(Database db) {
        return Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(200)
                .backfillDelay(Duration.ofMillis(10)).build();
    }

    private static List<Long> seeds(int part) {
        return LongStream.rangeClosed(1, SEEDED).filter(id -> id % 4 == part).boxed().toList();
    }

    /** Starts the three migrations one after another, a writer on each version once it exists. */
    private List<ChainWriter> startTheChainWhileEveryVersionWrites(Database db, Migrator m) throws Exception {
        List<ChainWriter> writers = new ArrayList<>();
        writers.add(new ChainWriter(db.dataSource(V1), "v1", "name", false, MAX_OPS, seeds(0)));
        Thread.sleep(100);
        m.start(addEmail());
        writers.add(new ChainWriter(db.dataSource(VA), "va", "name", true, MAX_OPS, seeds(1)));
        Thread.sleep(100);
        m.start(renameName());
        writers.add(new ChainWriter(db.dataSource(VB), "vb", "full_name", true, MAX_OPS, seeds(2)));
        Thread.sleep(100);
        m.start(emailNotNull());
        writers.add(new ChainWriter(db.dataSource(VC), "vc", "full_name", true, MAX_OPS, seeds(3)));
        // Every version writes a while with all four live, the newest too.
        Thread.sleep(1000);
        return writers;
    }

    @OnOldestAndNewestPostgres
    void threeMigrationsInFlightThenCompleteCompleteCompleteLoseNothing(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = migrator(db);
        Map<Long, String> expected = seeded(db, m);
        List<ChainWriter> writers = startTheChainWhileEveryVersionWrites(db, m);

        MigrationStatus status = m.status();
        assertThat(status.chain()).extracting(MigrationStatus.Active::name)
                .containsExactly("02_email", "03_full_name", "04_email_not_null");
        assertThat(m.latestVersionSchema()).contains(VC);

        everyVersionReadsEveryRow(db, expected, writers, pg);

        // The oldest version's instances go first; the newer ones keep writing through each complete.
        ChainWriter va = new ChainWriter(db.dataSource(VA), "va2", "name", true, MAX_OPS, seeds(1));
        ChainWriter vb = new ChainWriter(db.dataSource(VB), "vb2", "full_name", true, MAX_OPS, seeds(2));
        ChainWriter vc = new ChainWriter(db.dataSource(VC), "vc2", "full_name", true, MAX_OPS, seeds(3));
        Thread.sleep(100);
        m.complete();
        expected.putAll(stop(va, pg));
        m.complete();
        expected.putAll(stop(vb, pg));
        m.complete();
        Thread.sleep(100);
        expected.putAll(stop(vc, pg));
        System.out.println("PostgreSQL " + pg + ": " + expected.size() + " rows after complete x3, "
                + db.value("SELECT count(*) FROM public.users") + " in the table");

        assertThat(m.status().chain()).isEmpty();
        assertNames(db, "public.users", "full_name", expected);
        assertNames(db, VC + ".users", "full_name", expected);
        assertThat(db.columns("public", "users")).containsExactly("id", "full_name", "email");
        assertThat(db.value("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'public.users'::regclass"
                + " AND attname = 'email'")).isEqualTo("t");
        assertEmails(db, "public.users");
        assertThat(db.catalog("public")).noneMatch(line -> line.contains("_tuesday"));
        assertThat(db.value("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace"
                + " WHERE nspname LIKE 'public\\_0%'")).isEqualTo(VC);
    }

    @OnOldestAndNewestPostgres
    void threeMigrationsInFlightThenRolledBackFromTheTopLoseNothing(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = migrator(db);
        Map<Long, String> expected = seeded(db, m);
        List<String> before = db.catalog("public");
        List<ChainWriter> writers = startTheChainWhileEveryVersionWrites(db, m);

        everyVersionReadsEveryRow(db, expected, writers, pg);

        // The newest version's instances go first; the older ones keep writing through each rollback.
        ChainWriter v1 = new ChainWriter(db.dataSource(V1), "v1r", "name", false, MAX_OPS, seeds(0));
        ChainWriter va = new ChainWriter(db.dataSource(VA), "var", "name", true, MAX_OPS, seeds(1));
        ChainWriter vb = new ChainWriter(db.dataSource(VB), "vbr", "full_name", true, MAX_OPS, seeds(2));
        Thread.sleep(100);
        m.rollback();
        expected.putAll(stop(vb, pg));
        m.rollback();
        expected.putAll(stop(va, pg));
        m.rollback();
        Thread.sleep(100);
        expected.putAll(stop(v1, pg));
        System.out.println("PostgreSQL " + pg + ": " + expected.size() + " rows after rollback x3, "
                + db.value("SELECT count(*) FROM public.users") + " in the table");

        assertThat(m.status().chain()).isEmpty();
        assertNames(db, "public.users", "name", expected);
        assertNames(db, V1 + ".users", "name", expected);
        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(db.value("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace"
                + " WHERE nspname LIKE 'public\\_0%'")).isEqualTo(V1);
    }

    @OnOldestAndNewestPostgres
    void aMigrationTouchingWhatAnActiveOneRenamesIsRefusedBeforeAnyChange(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = migrator(db);
        seeded(db, m);
        m.start(addEmail());
        m.start(renameName());
        List<String> before = db.catalog("public");
        Migration touchesFullName = Migrations.yaml("04_full_name_not_null", """
                operations:
                  - alter_column: {table: users, column: full_name, nullable: false, up: "coalesce(full_name, '?')"}
                """);
        assertThatThrownBy(() -> m.start(touchesFullName)).isInstanceOf(MigrationStateException.class)
                .hasMessage("\"04_full_name_not_null\" touches column \"users\".\"full_name\" while active migration"
                        + " \"03_full_name\" renames column \"users\".\"full_name\": complete \"03_full_name\" first");
        // validate answers as start does while migrations are in flight: the same refusal, and the chain's shape.
        Path files = Files.createTempDirectory("chain-validate");
        Path touching = Files.writeString(files.resolve("04_full_name_not_null.yaml"), touchesFullName.text());
        assertThatThrownBy(() -> m.validate(touching, true)).isInstanceOf(MigrationStateException.class)
                .hasMessageContaining("while active migration \"03_full_name\" renames column \"users\".\"full_name\"");
        Path chainable = Files.writeString(files.resolve("04_email_not_null.yaml"), emailNotNull().text());
        assertThat(m.validate(chainable, true)).containsExactly("04_email_not_null");
        Migration readsName = Migrations.addTextColumn("04_initials", "initials", "left(full_name, 1)");
        assertThatThrownBy(() -> m.start(readsName)).isInstanceOf(MigrationStateException.class)
                .hasMessageContaining("reads column \"users\".\"full_name\"");
        Migration sql = Migrations.yaml("04_sql", "operations:\n  - sql: {up: SELECT 1}\n");
        assertThatThrownBy(() -> m.start(sql)).isInstanceOf(MigrationStateException.class)
                .hasMessageContaining("complete \"03_full_name\" (complete --all) first");
        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(m.status().chain()).extracting(MigrationStatus.Active::name).containsExactly("02_email", "03_full_name");

        // Once the rename is complete, the same change is an ordinary migration on the chain's top.
        assertThat(m.completeAll()).containsExactly("02_email", "03_full_name");
        m.start(touchesFullName);
        m.complete();
        assertThat(db.value("SELECT count(*) FROM public.users WHERE full_name IS NULL")).isEqualTo("0");
    }

    @OnOldestAndNewestPostgres
    void aHistoryWithOneActiveRowAtMostIsUpgradedInPlaceAndTheHandshakeGuardsEachStep(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).versionInUseWait(Duration.ZERO).build();
        seeded(db, m);
        // As a Tuesday from before chains left it.
        db.exec("CREATE UNIQUE INDEX migrations_one_active ON tuesday.migrations (schema) WHERE status = 'active'");
        m.start(addEmail());
        m.start(renameName());
        assertThat(db.value("SELECT count(*) FROM pg_class WHERE relname = 'migrations_one_active'")).isEqualTo("0");
        assertThat(db.value("SELECT string_agg(name || ':' || coalesce(parent, '-'), ',' ORDER BY id)"
                + " FROM tuesday.migrations")).isEqualTo("01_create_users:-,02_email:01_create_users,03_full_name:02_email");

        try (Connection v1 = db.dataSource(V1).getConnection()) {
            v1.createStatement().execute("SET application_name = '" + VersionSchema.applicationName(V1, "users-v1") + "'");
            assertThatThrownBy(m::complete).isInstanceOf(VersionInUseException.class)
                    .hasMessageContaining("would drop version schema \"" + V1 + "\"");
            assertThatThrownBy(m::completeAll).isInstanceOf(VersionInUseException.class);
            assertThat(m.status().chain()).hasSize(2);
        }
        try (Connection va = db.dataSource(VA).getConnection()) {
            va.createStatement().execute("SET application_name = '" + VersionSchema.applicationName(VA, "users-va") + "'");
            // Completing the oldest drops v1's schema only; the next would drop v2's, which is in use.
            m.complete();
            assertThatThrownBy(m::complete).isInstanceOf(VersionInUseException.class)
                    .hasMessageContaining("would drop version schema \"" + VA + "\"");
            va.createStatement().execute("INSERT INTO users (name, email) VALUES ('after', 'after@example.com')");
        }
        assertThat(m.completeAll()).containsExactly("03_full_name");
        assertThat(db.value("SELECT email FROM " + VB + ".users WHERE full_name = 'after'")).isEqualTo("after@example.com");
    }

    /** The email each row should have, as the writers and the seed left them. */
    private final Map<Long, String> emails = new HashMap<>();

    private Map<Long, String> stop(ChainWriter w, int pg) throws InterruptedException {
        Map<Long, String> written = w.stop();
        emails.putAll(w.emails());
        System.out.println("PostgreSQL " + pg + ", writer " + w.label() + ": " + w.inserted() + " rows inserted, "
                + w.updated() + " updated");
        assertThat(w.inserted()).as(w.label() + " inserted").isPositive();
        return written;
    }

    /**
     * Stops the writers, then checks that every live version shows every row with the last name
     * written (under its own name for the column) and the same email, NOT NULL in the newest.
     */
    private void everyVersionReadsEveryRow(Database db, Map<Long, String> expected, List<ChainWriter> writers,
            int pg) throws InterruptedException {
        for (ChainWriter w : writers) {
            expected.putAll(stop(w, pg));
        }
        assertNames(db, V1 + ".users", "name", expected);
        assertNames(db, VA + ".users", "name", expected);
        assertNames(db, VB + ".users", "full_name", expected);
        assertNames(db, VC + ".users", "full_name", expected);
        assertThat(db.value("SELECT count(*) FROM " + VA + ".users a JOIN " + VC + ".users c USING (id)"
                + " WHERE a.email IS DISTINCT FROM c.email")).as("email the same in every version").isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM " + VC + ".users WHERE email IS NULL")).isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM " + VA + ".users WHERE email IS NULL")).isEqualTo("0");
        assertEmails(db, VB + ".users");
        System.out.println("PostgreSQL " + pg + ": every live version reads all " + expected.size() + " rows");
    }

    private void assertEmails(Database db, String relation) {
        Map<Long, String> actual = new HashMap<>();
        db.rows("SELECT id, email FROM " + relation).forEach(r -> actual.put(Long.parseLong(r.get(0)), r.get(1)));
        assertThat(mismatches(actual, emails)).as(relation + ".email").isEmpty();
    }

    /** Rows missing, extra or different, the first ten: a short message when it fails. */
    private static List<String> mismatches(Map<Long, String> actual, Map<Long, String> expected) {
        java.util.Set<Long> ids = new java.util.TreeSet<>(actual.keySet());
        ids.addAll(expected.keySet());
        return ids.stream().filter(id -> !java.util.Objects.equals(actual.get(id), expected.get(id)))
                .map(id -> id + ": " + actual.get(id) + " (expected " + expected.get(id) + ")").limit(10).toList();
    }

    private static void assertNames(Database db, String relation, String column, Map<Long, String> expected) {
        Map<Long, String> actual = new HashMap<>();
        db.rows("SELECT id, \"" + column + "\" FROM " + relation).forEach(r -> actual.put(Long.parseLong(r.get(0)), r.get(1)));
        assertThat(actual).as(relation + " rows").hasSameSizeAs(expected);
        assertThat(mismatches(actual, expected)).as(relation + "." + column).isEmpty();
    }
}
