package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.List;

/** Schemas, tables and columns named with quotes, spaces, upper case and reserved words. */
class WeirdIdentifiersTest {

    private static final String SCHEMA = "App \"Schema\"";
    private static final String OLD = "\"App \"\"Schema\"\"_01_create\"";
    private static final String NEW = "\"App \"\"Schema\"\"_02_change\"";
    private static final String TABLE = "\"User \"\"Table\"\"\"";

    @OnOldestAndNewestPostgres
    void namesHoldingTheDollarQuoteTagOfGeneratedBodiesDoNotEndThemEarly(int pg) {
        Database db = TestDatabases.fresh(pg);
        db.exec("CREATE TABLE \"t$tuesday$x\" (id bigint PRIMARY KEY, \"c$tuesday$\" text, \"$tuesday1$\" int)",
                "INSERT INTO \"t$tuesday$x\" SELECT g, CASE WHEN g % 3 = 0 THEN 'v' || g END, g FROM generate_series(1, 30) g");
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(7).build();

        m.start(Migrations.yaml("02_dollars", """
                operations:
                  - alter_column:
                      table: t$tuesday$x
                      column: c$tuesday$
                      nullable: false
                      up: 'coalesce("c$tuesday$", ''$tuesday$'')'
                      down: '"c$tuesday$"'
                  - create_constraint:
                      table: t$tuesday$x
                      name: positive$tuesday$
                      type: check
                      check: '"$tuesday1$" > 0'
                      columns: [$tuesday1$]
                      up: {$tuesday1$: 'greatest("$tuesday1$", 1)'}
                      down: {$tuesday1$: '"$tuesday1$"'}
                """));
        db.exec("INSERT INTO public.\"t$tuesday$x\" (id, \"c$tuesday$\", \"$tuesday1$\") VALUES (100, NULL, 0)");
        assertThat(db.rows("SELECT \"c$tuesday$\", \"$tuesday1$\" FROM public_02_dollars.\"t$tuesday$x\""
                + " WHERE id IN (1, 3, 100) ORDER BY id")).containsExactly(List.of("$tuesday$", "1"),
                        List.of("v3", "3"), List.of("$tuesday$", "1"));
        m.complete();

        assertThat(db.value("SELECT count(*) FROM \"t$tuesday$x\" WHERE \"c$tuesday$\" IS NOT NULL AND \"$tuesday1$\" > 0"))
                .isEqualTo("31");
        assertThat(db.value("SELECT count(*) FROM pg_constraint WHERE conname = 'positive$tuesday$' AND convalidated"))
                .isEqualTo("1");
    }

    @OnOldestAndNewestPostgres
    void columnsNamedAsTheBatchLoopsVariablesAreTheTablesOwn(int pg) {
        Database db = TestDatabases.fresh(pg);
        db.exec("CREATE TABLE loop (from_key bigint PRIMARY KEY, to_key text, changed int, finished boolean, took text)",
                "INSERT INTO loop SELECT g, 'k' || g, g % 7, g % 2 = 0, 't' FROM generate_series(1, 50) g");
        Migrator m = Migrator.configure().dataSource(db.dataSource()).backfillBatchSize(7).build();

        m.start(Migrations.yaml("02_loop", """
                operations:
                  - add_column:
                      table: loop
                      up: "to_key || ':' || changed || ':' || finished || ':' || took"
                      column: {name: label, type: text, nullable: true}
                """));

        assertThat(db.value("SELECT count(*) FROM loop WHERE label = to_key || ':' || changed || ':' || finished || ':' || took"))
                .isEqualTo("50");
        assertThat(db.value("SELECT rows || ' in ' || batches FROM tuesday.backfills")).isEqualTo("50 in 8");
    }

    @OnOldestAndNewestPostgres
    void everyOperationOfTheEngineQuotesEveryIdentifier(int pg) {
        Database db = TestDatabases.fresh(pg);
        db.exec("CREATE SCHEMA \"App \"\"Schema\"\"\"");
        Migrator m = Migrator.configure().dataSource(db.dataSource()).schema(SCHEMA).stateSchema("Tuesday \"State\"")
                .backfillBatchSize(7).build();
        m.start(Migrations.yaml("01_create", """
                operations:
                  - create_table:
                      name: 'User "Table"'
                      columns:
                        - {name: id, type: bigint, pk: true, generated: {identity: {user_specified_values: BY DEFAULT}}}
                        - {name: select, type: text, nullable: true}
                        - {name: Full Name, type: text, nullable: true}
                        - {name: 'we"ird', type: integer, nullable: true}
                """), true);
        db.exec("SET search_path TO " + OLD, "INSERT INTO " + TABLE + " (\"select\", \"Full Name\", \"we\"\"ird\")"
                + " SELECT 's' || g, 'F' || g, CASE WHEN g % 2 = 0 THEN g END FROM generate_series(1, 40) g");

        m.start(Migrations.yaml("02_change", """
                operations:
                  - rename_column: {table: 'User "Table"', from: Full Name, to: Given Name}
                  - add_column:
                      table: 'User "Table"'
                      up: '"select" || ''!'''
                      column: {name: Order, type: text, nullable: true}
                  - alter_column:
                      table: 'User "Table"'
                      column: 'we"ird'
                      nullable: false
                      up: 'coalesce("we""ird", 0)'
                      down: '"we""ird"'
                  - drop_column: {table: 'User "Table"', column: select, down: 'rtrim("Order", ''!'')'}
                """));
        assertThat(db.columns("App \"Schema\"_02_change", "User \"Table\"")).containsExactly("id", "Given Name", "we\"ird", "Order");
        assertThat(db.value("SELECT count(*) FROM " + NEW + "." + TABLE + " WHERE \"Order\" = 's' || id || '!'"
                + " AND \"we\"\"ird\" = CASE WHEN id % 2 = 0 THEN id ELSE 0 END")).isEqualTo("40");

        db.exec("SET search_path TO " + OLD,
                "INSERT INTO " + TABLE + " (id, \"select\", \"Full Name\") VALUES (100, 'old', 'Old Name')",
                "SET search_path TO " + NEW,
                "INSERT INTO " + TABLE + " (id, \"Given Name\", \"Order\", \"we\"\"ird\") VALUES (200, 'New Name', 'new!', 5)");
        assertThat(db.rows("SELECT id, \"select\", \"Full Name\", \"we\"\"ird\" FROM " + OLD + "." + TABLE
                + " WHERE id >= 100 ORDER BY id")).containsExactly(java.util.Arrays.asList("100", "old", "Old Name", null),
                        List.of("200", "new", "New Name", "5"));
        assertThat(db.rows("SELECT id, \"Given Name\", \"Order\", \"we\"\"ird\" FROM " + NEW + "." + TABLE
                + " WHERE id >= 100 ORDER BY id")).containsExactly(List.of("100", "Old Name", "old!", "0"),
                        List.of("200", "New Name", "new!", "5"));

        m.complete();
        assertThat(db.columns(SCHEMA, "User \"Table\"")).containsExactly("id", "Given Name", "Order", "we\"ird");
        assertThat(db.value("SELECT count(*) FROM \"App \"\"Schema\"\"\"." + TABLE + " WHERE \"we\"\"ird\" IS NOT NULL"))
                .isEqualTo("42");
        assertThat(db.catalog(SCHEMA)).noneMatch(line -> line.contains("_tuesday"));
        assertThat(m.latestVersionSchema()).contains("App \"Schema\"_02_change");
        assertThat(db.value("SELECT count(*) FROM \"Tuesday \"\"State\"\"\".migrations WHERE status = 'complete'")).isEqualTo("2");
    }
}
