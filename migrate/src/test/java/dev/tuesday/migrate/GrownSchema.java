package dev.tuesday.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The "grown" schema of {@code fixture/grown-schema.sql}: the running example ({@code users},
 * {@code teams}) in a schema like one that grew in production, with views, a materialized view,
 * foreign keys both ways, a partitioned table, triggers, a row-level security policy, grants,
 * comments and seed rows standing on the columns a migration changes. Tests load it, take a
 * {@link Fingerprint}, migrate, and check that nothing but the asked-for change happened.
 */
public final class GrownSchema {

    /** The classpath resource with the SQL. */
    public static final String RESOURCE = "/fixture/grown-schema.sql";

    /**
     * {@code users.email} becomes NOT NULL, its nulls filled from the id: a foreign key, indexes, a
     * trigger, a policy, views and a materialized view read the column. One YAML list item.
     */
    public static final String EMAIL_NOT_NULL = """
            - alter_column:
                table: users
                column: email
                nullable: false
                up: coalesce(email, 'user' || id || '@example.invalid')
                down: email
            """;

    /**
     * A check that {@code users.name} is not blank, blanks turned to NULL: views, indexes, a trigger
     * and grants read the column. One YAML list item.
     */
    public static final String NAME_NOT_BLANK = """
            - create_constraint:
                table: users
                name: users_name_not_blank
                type: check
                check: name <> ''
                columns: [name]
                up: {name: "nullif(name, '')"}
                down: {name: name}
            """;

    private GrownSchema() {
    }

    /**
     * A fresh database on the server of {@code major} holding the schema and its rows: a copy of
     * one that {@link #load} built once per server, so the same as {@code TestDatabases.fresh}
     * then {@code load}, for a fraction of the time (tests load this schema a few hundred times).
     */
    public static TestDatabases.Database fresh(int major) {
        return TestDatabases.copyOf("grown schema", major, () -> {
            TestDatabases.Database db = TestDatabases.fresh(major);
            load(db);
            return db;
        });
    }

    /** Builds the schema in {@code public} of {@code db}, as its owner, in one round trip. */
    public static void load(TestDatabases.Database db) {
        db.exec(sql());
    }

    /** The {@code operations:} of a migration file: {@code operations}, YAML list items, in order. */
    public static String operations(String... operations) {
        return "operations:\n" + String.join("", operations).indent(2);
    }

    /** The SQL of the fixture: many statements, dollar-quoted function bodies among them. */
    public static String sql() {
        try (InputStream in = GrownSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
