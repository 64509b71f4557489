package dev.tuesday.migrate.engine;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.List;

/**
 * A partitioned table of readings, the migrations the attached-partition tests run on it, and the
 * ways partitions join it during a migration: created ({@code PARTITION OF}), or made beside it
 * with {@code LIKE}, filled without any trigger, then attached.
 *
 * <p>The migrations' {@code up} rounds the price, so a row the new version wrote (3.75) that the
 * backfill walked again would read 4.00: an overwrite shows.
 */
final class AttachedPartitions {

    /** The version schema of both migrations. */
    static final String NEW = "public_02_price";

    private AttachedPartitions() {
    }

    /** A fresh database with {@code readings}: 300 rows in the partition of 2024, price text. */
    static Database readings(int pg) {
        Database db = TestDatabases.fresh(pg);
        db.exec("CREATE TABLE readings (id bigint NOT NULL, taken date NOT NULL, price text,"
                        + " PRIMARY KEY (id, taken)) PARTITION BY RANGE (taken)",
                "CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "INSERT INTO readings SELECT g, '2024-03-01', g || '.25' FROM generate_series(1, 300) g");
        return db;
    }

    /** {@code alter_column}: price becomes numeric(10,2); the old version's prices are rounded. */
    static Migration typeChange() {
        return Migrations.yaml("02_price", """
                operations:
                  - alter_column:
                      table: readings
                      column: price
                      type: numeric(10,2)
                      up: round(price::numeric)
                      down: price::text
                """);
    }

    /** {@code add_column} with {@code up}: cents, default 0, from the rounded price. */
    static Migration addCents() {
        return Migrations.yaml("02_price", """
                operations:
                  - add_column:
                      table: readings
                      column: {name: cents, type: bigint, nullable: true, default: "0"}
                      up: (round(price::numeric) * 100)::bigint
                """);
    }

    /** A partition of {@code year} made with {@code PARTITION OF}: it has the sync trigger from birth. */
    static void create(Database db, int year) {
        db.exec("CREATE TABLE readings_" + year + " PARTITION OF readings FOR VALUES FROM ('" + year + "-01-01') TO ('"
                + (year + 1) + "-01-01')");
    }

    /**
     * A table of {@code year} made like {@code readings} (its columns as they are, the new one
     * included, with their defaults), filled with {@code inserts} (value lists of
     * {@code (id, taken, price)}) as the old shape, then attached.
     */
    static void attach(Database db, int year, List<String> inserts) {
        db.exec("CREATE TABLE readings_" + year + " (LIKE readings INCLUDING ALL)");
        for (String values : inserts) {
            db.exec("INSERT INTO readings_" + year + " (id, taken, price) VALUES " + values);
        }
        db.exec("ALTER TABLE readings ATTACH PARTITION readings_" + year + " FOR VALUES FROM ('" + year
                + "-01-01') TO ('" + (year + 1) + "-01-01')");
    }

    /** Runs statements through the new version (its connections select the version schema). */
    static void asNewVersion(Database db, String... sql) {
        try (var c = db.dataSource(NEW).getConnection(); var s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
