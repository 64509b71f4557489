package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.sql.Connection;
import java.sql.Statement;

/** {@code --role}: the migration acts as that role, which then owns what it creates; a role the login cannot become is refused first. */
class RoleTest {

    private static String role(Database db) {
        String role = "migrator_" + db.name();
        db.server().createRole(role);
        return role;
    }

    @OnOldestAndNewestPostgres
    void theMigrationActsAsTheRoleAndItOwnsWhatTheMigrationCreates(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        String role = role(db);
        try (Connection c = db.server().dataSource(db.name(), PostgresServer.SUPERUSER).getConnection();
             Statement s = c.createStatement()) {
            s.execute("GRANT " + role + " TO " + TestDatabases.OWNER);
        }
        db.exec("GRANT CREATE ON DATABASE " + db.name() + " TO " + role, "GRANT USAGE, CREATE ON SCHEMA public TO " + role);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).role(role).build();

        m.start(Migrations.createUsers(), true);
        m.start(Migrations.renameName());

        assertThat(db.value("SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'users'")).isEqualTo(role);
        assertThat(db.value("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public_02_full_name'")).isEqualTo(role);
        assertThat(db.value("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'tuesday'")).isEqualTo(role);
        m.complete();
        assertThat(m.status().active()).isEmpty();
    }

    @OnOldestAndNewestPostgres
    void aRoleTheLoginIsNotAMemberOfIsRefusedBeforeAnyChange(int pg) {
        Database db = TestDatabases.fresh(pg);
        String role = role(db);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).role(role).build();

        assertThatThrownBy(() -> m.start(Migrations.createUsers())).isInstanceOf(MigrationException.class)
                .hasMessageContaining("cannot act as role \"" + role + "\" (--role)")
                .hasMessageContaining("the login role must be a member of it");
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'tuesday'")).isEqualTo("0");
    }
}
