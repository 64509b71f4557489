package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.health.VersionSchema;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import dev.tuesday.migrate.VersionInUseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * complete and rollback drop a version schema only once no session names it in its
 * application_name (as health and the Spring starter set it): they wait a little for an
 * application that is stopping, then refuse before any change, naming the sessions.
 */
class VersionHandshakeTest {

    private static Migrator migrator(Database db, Duration wait, boolean force) {
        return Migrator.configure().dataSource(db.dataSource()).versionInUseWait(wait).dropVersionInUse(force).build();
    }

    /** A connection of an application on {@code versionSchema}, as users-service opens it. */
    private static Connection application(Database db, String versionSchema, String name) throws Exception {
        Connection c = db.dataSource(versionSchema).getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
            ps.setString(1, VersionSchema.applicationName(versionSchema, name));
            ps.execute();
        }
        return c;
    }

    /** v1 on public_01_create_users, v2 on public_02_full_name (active). */
    private static Migrator twoVersions(Database db, Duration wait, boolean force) {
        Migrator m = migrator(db, wait, force);
        m.start(Migrations.createUsers(), true);
        m.start(Migrations.renameName());
        return m;
    }

    @OnOldestAndNewestPostgres
    void completeRefusesWhileTheOldVersionIsConnectedAndChangesNothing(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = twoVersions(db, Duration.ofMillis(300), false);
        List<String> before = db.catalog("public");
        try (Connection v1 = application(db, "public_01_create_users", "users-service-v1")) {
            long started = System.nanoTime();
            assertThatThrownBy(m::complete).isInstanceOf(VersionInUseException.class)
                    .hasMessageContaining("complete of \"02_full_name\" would drop version schema \"public_01_create_users\"")
                    .hasMessageContaining("public_01_create_users users-service-v1")
                    .hasMessageContaining("--force")
                    .satisfies(e -> assertThat(((VersionInUseException) e).sessions()).hasSize(1));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(300);
            assertThat(db.catalog("public")).isEqualTo(before);
            assertThat(m.status().active()).map(a -> a.name()).contains("02_full_name");
            assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_01_create_users'")).isEqualTo("1");
            // The old version still works.
            v1.createStatement().execute("INSERT INTO users (name) VALUES ('Ada')");
        }
        m.complete();
        assertThat(db.columns("public", "users")).containsExactly("id", "full_name", "email");
        assertThat(db.value("SELECT full_name FROM public.users")).isEqualTo("Ada");
    }

    @OnOldestAndNewestPostgres
    void completeWaitsForAnApplicationThatIsClosingItsConnections(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = twoVersions(db, Duration.ofSeconds(10), false);
        Connection v1 = application(db, "public_01_create_users", "users-service-v1");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(500);
                v1.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        m.complete();
        stopping.join();
        assertThat(m.status().active()).isEmpty();
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_01_create_users'")).isEqualTo("0");
    }

    @OnOldestAndNewestPostgres
    void forcedCompleteDropsTheVersionUnderItsSessions(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = twoVersions(db, Duration.ZERO, true);
        try (Connection v1 = application(db, "public_01_create_users", "users-service-v1")) {
            m.complete();
            assertThat(m.status().active()).isEmpty();
        }
    }

    @OnOldestAndNewestPostgres
    void sessionsOfTheNewVersionOrOfOtherProgramsDoNotHoldTheCompleteBack(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = twoVersions(db, Duration.ZERO, false);
        try (Connection v2 = application(db, "public_02_full_name", "users-service-v2");
             Connection psql = db.dataSource().getConnection()) {
            psql.createStatement().execute("SET application_name = 'psql'");
            m.complete();
            v2.createStatement().execute("INSERT INTO users (full_name) VALUES ('Grace')");
        }
    }

    @OnOldestAndNewestPostgres
    void rollbackRefusesWhileTheNewVersionIsConnected(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = twoVersions(db, Duration.ZERO, false);
        try (Connection v2 = application(db, "public_02_full_name", "users-service-v2")) {
            assertThatThrownBy(m::rollback).isInstanceOf(VersionInUseException.class)
                    .hasMessageContaining("rollback of \"02_full_name\" would drop version schema \"public_02_full_name\"");
            assertThat(m.status().active()).isPresent();
            v2.createStatement().execute("INSERT INTO users (full_name) VALUES ('Grace')");
        }
        m.rollback();
        assertThat(db.columns("public", "users")).containsExactly("id", "name", "email");
        assertThat(db.value("SELECT name FROM public.users")).isEqualTo("Grace");
    }

    @OnOldestAndNewestPostgres
    void startWithCompleteRefusesBeforeItStartsWhenThePreviousVersionIsConnected(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = migrator(db, Duration.ZERO, false);
        m.start(Migrations.createUsers(), true);
        try (Connection v1 = application(db, "public_01_create_users", "users-service-v1")) {
            assertThatThrownBy(() -> m.start(Migrations.renameName(), true)).isInstanceOf(VersionInUseException.class)
                    .hasMessageContaining("public_01_create_users users-service-v1");
            assertThat(m.status().active()).isEmpty();
            assertThat(m.status().history()).hasSize(1);
        }
    }
}
