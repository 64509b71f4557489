package dev.tuesday.migrate.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tuesday.migrate.GrownSchema;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases.Database;
import java.util.List;

/**
 * How what stands on a replaced column is carried, seen in the catalog and in the stored plan
 * rather than only in the end result: the copies are built while both versions run, before the
 * swap, without blocking writers; and a view's options survive both ways a view is carried.
 */
class CarriedDependentsTest {

    /**
     * After start of {@code users.email} NOT NULL on the grown schema, and before complete: each index
     * on the column has a valid copy on the new column, built {@code CONCURRENTLY}; the foreign key of
     * {@code invitations} pointing at it has a copy added {@code NOT VALID} and then validated; the
     * complete builds no index and validates nothing (no scan under its locks).
     */
    @OnOldestAndNewestPostgres
    void copiesAreBuiltConcurrentlyAndValidatedAtStartBeforeTheSwap(int pg) {
        Database db = GrownSchema.fresh(pg);
        List<List<String>> originals = indexesOnEmail(db, "NOT LIKE");
        assertThat(originals).extracting(List::getFirst).containsExactlyInAnyOrder("users_email_include_name_idx",
                "users_email_key", "users_lower_email_idx");
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();

        m.start(Migrations.yaml("02_change", GrownSchema.operations(GrownSchema.EMAIL_NOT_NULL)));

        String shadow = db.value("SELECT attname FROM pg_attribute WHERE attrelid = 'public.users'::regclass"
                + " AND attname LIKE '\\_tuesday\\_%email%'");
        List<List<String>> copies = indexesOnColumn(db, shadow);
        assertThat(copies).as("a valid copy of each index, on the new column").hasSize(originals.size())
                .allMatch(row -> row.get(0).startsWith("_tuesday_") && row.get(2).equals("true"));
        assertThat(copies.stream().map(row -> row.get(1).replace(shadow, "email").replaceFirst("INDEX \\S+ ON", "INDEX ON")))
                .containsExactlyInAnyOrderElementsOf(originals.stream()
                        .map(row -> row.get(1).replaceFirst("INDEX \\S+ ON", "INDEX ON")).toList());
        assertThat(db.rows("SELECT pg_get_constraintdef(oid), convalidated FROM pg_constraint"
                + " WHERE conrelid = 'public.invitations'::regclass AND contype = 'f' AND conname LIKE '\\_tuesday\\_%'"))
                .containsExactly(List.of("FOREIGN KEY (invited_email) REFERENCES users(" + shadow + ") ON UPDATE CASCADE",
                        "t"));

        List<List<String>> startSteps = steps(db, "expand", "afterBackfill");
        assertThat(startSteps).filteredOn(s -> s.get(1).matches("(?s)CREATE (UNIQUE )?INDEX .* ON public\\.users .*"))
                .as("index builds on users").hasSize(originals.size())
                .allMatch(s -> s.get(0).equals("concurrently") && s.get(1).contains(" INDEX CONCURRENTLY "));
        assertThat(startSteps).filteredOn(s -> s.get(1).contains("ADD CONSTRAINT") && s.get(1).contains("public.invitations"))
                .isNotEmpty().allMatch(s -> s.get(1).endsWith(" NOT VALID"));
        assertThat(startSteps).filteredOn(s -> s.get(1).contains("VALIDATE CONSTRAINT") && s.get(1).contains("public.invitations"))
                .hasSize(1);
        assertThat(steps(db, "beforeContract", "contract", "afterContract"))
                .noneMatch(s -> s.get(1).matches("(?s).*CREATE (UNIQUE )?INDEX (?!CONCURRENTLY IF).*"))
                .noneMatch(s -> s.get(1).contains("VALIDATE CONSTRAINT"));

        m.complete();
        assertThat(indexesOnEmail(db, "NOT LIKE")).isEqualTo(originals);
    }

    /**
     * A view with {@code security_invoker} (PostgreSQL 15 and later) and a check option keeps both
     * when it is redefined on the new column (a NOT NULL) and when it is made again because its
     * column's type changes.
     */
    @OnOldestAndNewestPostgres
    void aSecurityInvokerViewWithACheckOptionKeepsBothThroughANotNullAndATypeChange(int pg) {
        assumeTrue(pg >= 15, "security_invoker is an option of PostgreSQL 15 and later");
        Database db = GrownSchema.fresh(pg);
        db.exec("CREATE VIEW known_emails WITH (security_invoker = true) AS SELECT id, email FROM users"
                + " WHERE email IS NOT NULL WITH CASCADED CHECK OPTION", "COMMENT ON VIEW known_emails IS 'for support'",
                "GRANT SELECT ON known_emails TO PUBLIC");
        String options = "SELECT (SELECT string_agg(o, ',' ORDER BY o) FROM unnest(reloptions) o),"
                + " obj_description(oid, 'pg_class'), relacl::text FROM pg_class WHERE oid = 'public.known_emails'::regclass";
        List<List<String>> before = db.rows(options);
        assertThat(before.getFirst().getFirst()).isEqualTo("check_option=cascaded,security_invoker=true");
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();

        m.start(Migrations.yaml("02_not_null", GrownSchema.operations(GrownSchema.EMAIL_NOT_NULL)));
        m.complete();
        assertThat(db.rows(options)).isEqualTo(before);

        m.start(Migrations.yaml("03_varchar", """
                operations:
                  - alter_column: {table: users, column: email, type: "varchar(320)", up: "CAST(email AS varchar(320))", down: email}
                """));
        m.complete();
        assertThat(db.rows(options)).isEqualTo(before);
        assertThat(db.value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'public.known_emails'::regclass AND attname = 'email'")).isEqualTo("character varying(320)");
    }

    /** Name, definition and validity of each index on {@code users} whose name is (NOT) LIKE a helper's, reading email. */
    private static List<List<String>> indexesOnEmail(Database db, String like) {
        return db.rows("SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indisvalid::text FROM pg_index i"
                + " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'public.users'::regclass"
                + " AND c.relname " + like + " '\\_tuesday\\_%' AND pg_get_indexdef(i.indexrelid) ~ '\\memail\\M'"
                + " ORDER BY 1");
    }

    private static List<List<String>> indexesOnColumn(Database db, String column) {
        return db.rows("SELECT c.relname, pg_get_indexdef(i.indexrelid), (i.indisvalid AND i.indisready)::text"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'public.users'::regclass"
                + " AND strpos(pg_get_indexdef(i.indexrelid), '" + column + "') > 0 ORDER BY 1");
    }

    /** The steps of the active migration's stored plan in the given parts, in order: type and SQL. */
    private static List<List<String>> steps(Database db, String... parts) {
        StringBuilder sql = new StringBuilder();
        for (String part : parts) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT s->>'type', s->>'sql' FROM tuesday.migrations,")
                    .append(" jsonb_array_elements(plan->'").append(part).append("') s WHERE status = 'active'");
        }
        return db.rows(sql.toString());
    }
}
