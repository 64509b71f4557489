package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rename {@code users.name → full_name} while v1 (on the old version schema) and v2 (on the
 * new one) keep inserting and updating: through start and its backfill, then complete or rollback.
 */
class RunningExampleTest {

    private static final int SEEDED = 3000;

    static Stream<Arguments> cases() {
        return TestDatabases.versions().flatMap(pg -> Stream.of(
                Arguments.of(pg, "rename_column"), Arguments.of(pg, "add_column + drop_column")));
    }

    private static Migration change(String kind) {
        return kind.equals("rename_column") ? Migrations.renameName() : Migrations.addFullNameDropName();
    }

    private static Map<Long, String> seed(Database db, Migrator m) {
        m.start(Migrations.createUsers(), true);
        db.exec("INSERT INTO users (name, email) SELECT 'seed-' || g, 'seed' || g || '@example.com'"
                + " FROM generate_series(1, " + SEEDED + ") g");
        Map<Long, String> expected = new HashMap<>();
        LongStream.rangeClosed(1, SEEDED).forEach(id -> expected.put(id, "seed-" + id));
        return expected;
    }

    private static Migrator migrator(Database db) {
        // Small batches with a pause, so that the backfill overlaps the writers.
        return Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(200)
                .backfillDelay(Duration.ofMillis(20)).build();
    }

    private static List<Long> seeds(int parity) {
        return LongStream.rangeClosed(1, SEEDED).filter(id -> id % 2 == parity).boxed().toList();
    }

    private static void assertRows(Database db, String relation, String column, Map<Long, String> expected) {
        Map<Long, String> actual = new HashMap<>();
        db.rows("SELECT id, \"" + column + "\" FROM " + relation).forEach(r -> actual.put(Long.parseLong(r.get(0)), r.get(1)));
        assertThat(actual).as(relation + "." + column).isEqualTo(expected);
    }

    @ParameterizedTest(name = "PostgreSQL {0}, {1}")
    @MethodSource("cases")
    void bothVersionsKeepWritingThroughStartBackfillAndComplete(int pg, String kind) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = migrator(db);
        Map<Long, String> expected = seed(db, m);

        VersionWriter v1 = new VersionWriter(db.dataSource("public_01_create_users"), "name", "v1", seeds(0));
        Thread.sleep(100);
        VersionWriter v2 = startWhileV1WritesThenV2Writes(db, m, kind);

        // The old instances are gone before complete; the new one keeps writing through it.
        expected.putAll(v1.stop());
        Map<Long, String> sofar = new HashMap<>(expected);
        sofar.putAll(v2.stop());
        assertRows(db, "public_01_create_users.users", "name", sofar);
        assertRows(db, "public_02_full_name.users", "full_name", sofar);

        VersionWriter v2again = new VersionWriter(db.dataSource("public_02_full_name"), "full_name", "v2b", seeds(1));
        Thread.sleep(100);
        m.complete();
        Thread.sleep(200);
        expected.putAll(sofar);
        expected.putAll(v2again.stop());

        assertThat(v1.inserted()).isPositive();
        assertThat(v2again.inserted()).isPositive();
        assertRows(db, "public_02_full_name.users", "full_name", expected);
        assertRows(db, "public.users", "full_name", expected);
        assertThat(db.columns("public", "users")).containsExactly(kind.equals("rename_column")
                ? List.of("id", "full_name", "email").toArray(String[]::new) : new String[] {"id", "email", "full_name"});
        assertThat(db.catalog("public")).noneMatch(line -> line.contains("_tuesday"));
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_01_create_users'")).isEqualTo("0");
    }

    @ParameterizedTest(name = "PostgreSQL {0}, {1}")
    @MethodSource("cases")
    void rollbackKeepsEveryRowWrittenThroughEitherVersionInTheOldShape(int pg, String kind) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = migrator(db);
        Map<Long, String> expected = seed(db, m);
        List<String> before = db.catalog("public");

        VersionWriter v1 = new VersionWriter(db.dataSource("public_01_create_users"), "name", "v1", seeds(0));
        VersionWriter v2 = startWhileV1WritesThenV2Writes(db, m, kind);
        // The new instances are gone before rollback; the old one keeps writing through it.
        expected.putAll(v2.stop());
        m.rollback();
        Thread.sleep(200);
        expected.putAll(v1.stop());

        assertThat(v2.inserted()).isPositive();
        assertRows(db, "public_01_create_users.users", "name", expected);
        assertRows(db, "public.users", "name", expected);
        assertThat(db.catalog("public")).isEqualTo(before);
    }

    /**
     * Starts {@code kind}'s migration (v1 writing meanwhile) and returns v2's writer, writing since
     * its version schema appeared; start has ended, and both versions wrote for 300 ms more.
     */
    private static VersionWriter startWhileV1WritesThenV2Writes(Database db, Migrator m, String kind) throws InterruptedException {
        Thread starter = Thread.ofPlatform().start(() -> m.start(change(kind)));
        waitForSchema(db, "public_02_full_name");
        VersionWriter v2 = new VersionWriter(db.dataSource("public_02_full_name"), "full_name", "v2", seeds(1));
        starter.join(60_000);
        Thread.sleep(300);
        return v2;
    }

    private static void waitForSchema(Database db, String schema) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"1".equals(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("schema " + schema + " never appeared");
            }
            Thread.sleep(10);
        }
    }
}
