package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;

/** The plans stored in the state schema run with the migrator's rights: no one else may change them. */
class StateSchemaTrustTest {

    @OnOldestAndNewestPostgres
    void aStateSchemaOthersMayWriteIsRefusedBeforeAStoredPlanRuns(int pg) {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(Migrations.createUsers(), true);
        m.start(Migrations.addFullNameDropName());
        String plan = db.value("SELECT plan::text FROM tuesday.migrations WHERE status = 'active'");

        db.exec("GRANT UPDATE ON tuesday.migrations TO PUBLIC");
        assertThatThrownBy(m::complete).isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("state table tuesday.migrations lets PUBLIC UPDATE: the migration plans");
        db.exec("REVOKE UPDATE ON tuesday.migrations FROM PUBLIC", "GRANT CREATE ON SCHEMA tuesday TO PUBLIC");
        assertThatThrownBy(m::rollback).isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("state schema tuesday lets PUBLIC CREATE");
        assertThat(db.value("SELECT plan::text FROM tuesday.migrations WHERE status = 'active'")).isEqualTo(plan);

        db.exec("REVOKE CREATE ON SCHEMA tuesday FROM PUBLIC", "GRANT SELECT ON tuesday.migrations TO PUBLIC");
        m.complete();
        assertThat(db.value("SELECT status FROM tuesday.migrations WHERE name = '02_full_name'")).isEqualTo("complete");
    }
}
