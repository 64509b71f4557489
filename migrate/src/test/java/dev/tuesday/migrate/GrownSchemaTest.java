package dev.tuesday.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.TestDatabases.Database;
import java.util.List;

/**
 * The grown-schema fixture loads on the oldest and the newest PostgreSQL Tuesday supports, and its
 * {@link Fingerprint} sees every kind of object in it, reads the same twice, and does catch a change.
 */
class GrownSchemaTest {

    @OnOldestAndNewestPostgres
    void loadsAsTheOwnerWithEveryKindOfObjectAMigrationCanDisturb(int pg) {
        Database db = TestDatabases.fresh(pg);
        GrownSchema.load(db);

        List<String> print = Fingerprint.of(db.dataSource(), "public");

        assertThat(count(print, "relation ", " kind=r ")).isGreaterThanOrEqualTo(13);
        assertThat(count(print, "relation ", " kind=p ")).as("events and its 2025 partition").isEqualTo(2);
        assertThat(count(print, "relation events_", " bound=FOR VALUES ")).isEqualTo(4);
        assertThat(print).contains("relation events_default kind=r persistence=p owner=app_owner options= rls=f"
                + " force-rls=f replica-identity=d parent=events bound=DEFAULT partition-key= acl= comment=");
        assertThat(count(print, "view ", "")).isEqualTo(4);
        assertThat(count(print, "matview team_stats populated=t: ", "")).isEqualTo(1);
        assertThat(print).anyMatch(l -> l.startsWith("relation public_profiles kind=v ")
                && l.contains("options={security_barrier=true}"));
        assertThat(print).anyMatch(l -> l.startsWith("relation active_users kind=v ")
                && l.contains("options={check_option=local}"));
        assertThat(print).anyMatch(l -> l.startsWith("index team_stats_team_id_key on team_stats: CREATE UNIQUE INDEX"));

        assertThat(count(print, "trigger users.", "")).isEqualTo(3);
        assertThat(print).anyMatch(l -> l.startsWith("trigger addresses.") && l.contains(" enabled=D "));
        assertThat(count(print, "function ", "")).isGreaterThanOrEqualTo(7);
        assertThat(count(print, "policy documents.", " using=")).isEqualTo(1);
        assertThat(print).anyMatch(l -> l.startsWith("relation documents kind=r ") && l.contains(" rls=t "));

        assertThat(count(print, "index users_", "")).isGreaterThanOrEqualTo(8);
        assertThat(print).anyMatch(l -> l.startsWith("index users_email_include_name_idx ") && l.contains("INCLUDE (name)"));
        assertThat(print).anyMatch(l -> l.startsWith("constraint users.users_age_digits: CHECK"));
        assertThat(print).anyMatch(l -> l.startsWith("constraint invitations.invitations_invited_email_fkey: ")
                && l.contains("REFERENCES public.users(email)"));
        assertThat(print).anyMatch(l -> l.startsWith("constraint users.users_team_id_fkey: ")
                && l.contains("REFERENCES public.teams(id)"));
        assertThat(print).anyMatch(l -> l.startsWith("constraint addresses.addresses_country_upper: ")
                && l.contains(" validated=f "));

        assertThat(print).anyMatch(l -> l.startsWith("column users.name type=text ") && l.contains(" statistics=500 ")
                && l.contains(" acl={=rw/app_owner} ") && l.contains(" comment=Display name"));
        assertThat(print).anyMatch(l -> l.startsWith("column users.email ") && l.contains(" comment=Login"));
        assertThat(print).anyMatch(l -> l.startsWith("column users.id ") && l.contains(" identity=d "));
        assertThat(print).anyMatch(l -> l.startsWith("column users.is_deleted ") && l.contains(" generated=s "));
        assertThat(print).anyMatch(l -> l.startsWith("column teams.contact_email type=public.email_address "));
        assertThat(print).anyMatch(l -> l.startsWith("sequence audit_log_id_seq ") && l.endsWith("(owned)"));
        assertThat(count(print, "statistics ", "")).isEqualTo(2);
        assertThat(count(print, "type ", " kind=e ")).isEqualTo(3);
        assertThat(count(print, "type ", " kind=d ")).isEqualTo(2);
        assertThat(count(print, "constraint domain ", "")).isEqualTo(2);
        assertThat(print).allMatch(l -> !l.contains("\n"));

        assertThat(db.value("SELECT count(*) FROM users")).isEqualTo("400");
        assertThat(db.value("SELECT count(*) FROM users WHERE email <> lower(email)")).isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM audit_log WHERE table_name = 'users'")).isEqualTo("3");
        assertThat(db.value("SELECT count(*) FROM events_default")).isNotEqualTo("0");
    }

    @OnOldestAndNewestPostgres
    void readsTheSameTwiceAndIgnoresNewRows(int pg) {
        Database db = TestDatabases.fresh(pg);
        GrownSchema.load(db);

        List<String> first = Fingerprint.of(db.dataSource(), "public");
        List<String> second = Fingerprint.of(db.dataSource(), "public");
        db.exec("INSERT INTO users (name, email, age, team_id) VALUES ('New', 'NEW@example.com', '40', 1)",
                "INSERT INTO events (user_id, kind, occurred_at) VALUES (401, 'login', '2025-05-05 12:00:00+00')",
                "REFRESH MATERIALIZED VIEW CONCURRENTLY team_stats",
                "ANALYZE users");
        List<String> afterWrites = Fingerprint.of(db.dataSource("public_elsewhere"), "public");

        assertThat(Fingerprint.diff(first, second)).isEmpty();
        assertThat(Fingerprint.diff(first, afterWrites)).isEmpty();
        assertThat(second).isEqualTo(first);
    }

    @OnOldestAndNewestPostgres
    void showsAHarmlessCommentAsOneRemovedAndOneAddedLine(int pg) {
        Database db = TestDatabases.fresh(pg);
        GrownSchema.load(db);
        List<String> before = Fingerprint.of(db.dataSource(), "public");

        db.exec("COMMENT ON COLUMN users.name IS 'x'");
        List<String> diff = Fingerprint.diff(before, Fingerprint.of(db.dataSource(), "public"));

        assertThat(diff).hasSize(2);
        assertThat(diff.get(0)).startsWith("- column users.name type=text ").endsWith(
                " comment=Display name; may be missing for accounts created by invitation.");
        assertThat(diff.get(1)).startsWith("+ column users.name type=text ").endsWith(" comment=x");
    }

    private static long count(List<String> print, String prefix, String part) {
        return print.stream().filter(l -> l.startsWith(prefix) && l.contains(part)).count();
    }
}
