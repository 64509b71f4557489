package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Fingerprint;
import dev.tuesday.migrate.GrownSchema;
import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases.Database;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A {@code complete} that fails (here: an application transaction holds a lock on {@code users}
 * past the lock retry deadline) strands no one: the version schema {@code latest} names exists,
 * both versions keep writing, and each sees what the other wrote; then {@code rollback} gives back
 * the schema as it was before start with every row written through either version, or
 * {@code complete} run again ends in the shape an undisturbed complete gives.
 */
class FailedCompleteTest {

    private static Migration migration() {
        return Migrations.yaml("02_change", GrownSchema.operations(GrownSchema.EMAIL_NOT_NULL, GrownSchema.NAME_NOT_BLANK, """
                - rename_column: {table: users, from: locale, to: language}
                """));
    }

    @OnOldestAndNewestPostgres
    void aFailedCompleteLeavesBothVersionsWorkingThenRollbackOrCompleteAgainLosesNothing(int pg) throws Exception {
        Database original = GrownSchema.fresh(pg);
        List<String> before = Fingerprint.of(original.dataSource(), "public");
        Database reference = started(pg);
        quick(reference).complete();
        List<String> after = Fingerprint.of(reference.dataSource(), "public");

        Database rolledBack = started(pg);
        long rows = rows(rolledBack);
        failComplete(rolledBack);
        quick(rolledBack).rollback();
        assertThat(Fingerprint.diff(before, Fingerprint.of(rolledBack.dataSource(), "public"))).isEmpty();
        assertThat(rows(rolledBack)).isEqualTo(rows + 2);
        assertThat(rolledBack.rows("SELECT name, locale FROM public.users WHERE email IN ('old@example.com', 'new@example.com')"
                + " ORDER BY name")).containsExactly(List.of("new", "fr"), List.of("old", "de"));

        Database completed = started(pg);
        failComplete(completed);
        quick(completed).complete();
        assertThat(Fingerprint.diff(after, Fingerprint.of(completed.dataSource(), "public"))).isEmpty();
        assertThat(rows(completed)).isEqualTo(rows + 2);
        assertThat(completed.rows("SELECT name, language FROM public.users WHERE email IN ('old@example.com',"
                + " 'new@example.com') ORDER BY name")).containsExactly(List.of("new", "fr"), List.of("old", "de"));
    }

    /** Runs complete while another session holds a lock on users, checks it failed and stranded no one, writes through both. */
    private static void failComplete(Database db) throws Exception {
        try (Connection app = db.dataSource().getConnection(); Statement s = app.createStatement()) {
            app.setAutoCommit(false);
            s.execute("LOCK TABLE public.users IN ACCESS SHARE MODE");
            assertThatThrownBy(quick(db)::complete).isInstanceOf(MigrationException.class);
            app.rollback();
        }
        assertThat(db.value("SELECT phase FROM tuesday.migrations WHERE name = '02_change'")).isEqualTo("started");
        String latest = quick(db).latestVersionSchema().orElseThrow();
        assertThat(latest).isEqualTo("public_02_change");
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = '" + latest + "'")).isEqualTo("1");
        db.exec("INSERT INTO public.users (name, email, locale) VALUES ('old', 'old@example.com', 'de')");
        db.exec("SET search_path = public_02_change, public",
                "INSERT INTO users (name, email, language) VALUES ('new', 'new@example.com', 'fr')");
        assertThat(db.rows("SELECT name, language FROM public_02_change.users WHERE email IN ('old@example.com',"
                + " 'new@example.com') ORDER BY name")).containsExactly(List.of("new", "fr"), List.of("old", "de"));
    }

    private static Database started(int pg) {
        Database db = GrownSchema.fresh(pg);
        quick(db).start(migration());
        return db;
    }

    /** A migrator that gives up on a held lock within a second. */
    private static Migrator quick(Database db) {
        return Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(100)
                .lockTimeout(Duration.ofMillis(100)).lockRetryDeadline(Duration.ofSeconds(1)).build();
    }

    private static long rows(Database db) {
        return Long.parseLong(db.value("SELECT count(*) FROM public.users"));
    }
}
