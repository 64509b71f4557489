package dev.tuesday.migrate.operations;

import static dev.tuesday.migrate.operations.Setups.TEAMS;
import static dev.tuesday.migrate.operations.Setups.TEAMS_SEED;
import static dev.tuesday.migrate.operations.Setups.USER_COLUMNS;
import static dev.tuesday.migrate.operations.Setups.operations;
import static dev.tuesday.migrate.operations.TableCases.FOUR_NAMES;
import static dev.tuesday.migrate.operations.TableCases.NEW_WRITE;
import static dev.tuesday.migrate.operations.TableCases.OLD_WRITE;
import static dev.tuesday.migrate.operations.TableCases.onUsers;

import java.util.List;

/** Cases of the operations on columns, with each variant of alter_column. */
final class ColumnCases {

    private ColumnCases() {
    }

    private static final List<String> WITH_SHOUT = List.of("id", "name", "email", "age", "shout");

    static List<OperationCase> all() {
        return List.of(
                onUsers("add_column NOT NULL filled by up, with a comment", """
                        - add_column:
                            table: users
                            up: upper(name)
                            column: {name: shout, type: text, comment: the name in capitals}
                        """)
                        .views("users", USER_COLUMNS, "users", WITH_SHOUT)
                        .writes(OLD_WRITE, "INSERT INTO users (name, shout) VALUES ('dan', 'DAN!')")
                        .rejects("INSERT INTO users (name) VALUES ('eve')")
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .newReads("SELECT id, shout FROM users ORDER BY id", "1|ANN", "2|BOB", "3|CAT", "4|DAN!")
                        .afterComplete("SELECT id, shout FROM public.users ORDER BY id", "1|ANN", "2|BOB", "3|CAT", "4|DAN")
                        .afterComplete(Catalog.columns("public.users") + " OFFSET 4", "shout|text|t|")
                        .afterComplete("SELECT col_description(attrelid, attnum) FROM pg_attribute WHERE attrelid ="
                                + " 'public.users'::regclass AND attname = 'shout'", "the name in capitals"),
                onUsers("add_column with default, check and unique", """
                        - add_column:
                            table: users
                            up: id * 10
                            column:
                              name: score
                              type: integer
                              nullable: true
                              default: "10"
                              unique: true
                              check: {name: users_score_positive, constraint: score > 0}
                        """)
                        .views("users", USER_COLUMNS, "users", List.of("id", "name", "email", "age", "score"))
                        .writes(OLD_WRITE, "INSERT INTO users (name, score) VALUES ('dan', 7)")
                        .rejects("INSERT INTO users (name, score) VALUES ('eve', 7)")
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .newReads("SELECT id, score FROM users ORDER BY id", "1|10", "2|20", "3|30", "4|7")
                        .afterComplete("SELECT id, score FROM public.users ORDER BY id", "1|10", "2|20", "3|30", "4|40")
                        .afterComplete(Catalog.constraints("public.users"), "users_pkey|p|t", "users_score_key|u|t",
                                "users_score_positive|c|t")
                        .afterComplete(Catalog.columns("public.users") + " OFFSET 4", "score|integer|f|10"),
                OperationCase.of("add_column with a foreign key", TEAMS, TEAMS_SEED, operations("""
                        - add_column:
                            table: users
                            up: "1"
                            column: {name: main_team, type: bigint, nullable: true, references: {name: users_main_team_fk, table: teams, column: id}}
                        """))
                        .views("users", List.of("id", "name", "team_id"), "users", List.of("id", "name", "team_id", "main_team"))
                        .writes("INSERT INTO users (name) VALUES ('cat')", "INSERT INTO users (name, main_team) VALUES ('dan', 2)")
                        .rejects("INSERT INTO users (name, main_team) VALUES ('eve', 42)")
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .newReads("SELECT id, main_team FROM users ORDER BY id", "1|1", "2|1", "3|1", "4|2")
                        .afterComplete(Catalog.constraints("public.users"), "users_main_team_fk|f|t", "users_pkey|p|t"),
                onUsers("drop_column filled by down for the old version", """
                        - drop_column: {table: users, column: email, down: name || '@example.com'}
                        """)
                        .views("users", USER_COLUMNS, "users", List.of("id", "name", "age"))
                        .writes(OLD_WRITE, "INSERT INTO users (name, age) VALUES ('dan', '52')")
                        .oldReads("SELECT id, name, email FROM users ORDER BY id", "1|ann|ann@example.com", "2|bob|null",
                                "3|cat|cat@example.com", "4|dan|dan@example.com")
                        .newReads("SELECT id, name, age FROM users ORDER BY id", "1|ann|30", "2|bob|null", "3|cat|41", "4|dan|52")
                        .afterComplete(Catalog.columns("public.users"), "id|bigint|t|", "name|text|f|", "age|text|f|"),
                onUsers("rename_column", """
                        - rename_column: {table: users, from: name, to: full_name}
                        """)
                        .views("users", USER_COLUMNS, "users", List.of("id", "full_name", "email", "age"))
                        .writes(OLD_WRITE, "INSERT INTO users (full_name) VALUES ('dan')")
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .newReads("SELECT id, full_name FROM users ORDER BY id", FOUR_NAMES)
                        .afterComplete("SELECT id, full_name FROM public.users ORDER BY id", FOUR_NAMES),
                onUsers("alter_column type text to integer with up and down", """
                        - alter_column: {table: users, column: age, type: integer, up: CAST(age AS integer), down: CAST(age AS text)}
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, "INSERT INTO users (name, age) VALUES ('dan', 52)")
                        .oldReads("SELECT id, age, pg_typeof(age) FROM users ORDER BY id", "1|30|text", "2|null|text",
                                "3|41|text", "4|52|text")
                        .newReads("SELECT id, age + 1 FROM users ORDER BY id", "1|31", "2|null", "3|42", "4|53")
                        .afterComplete(Catalog.columns("public.users") + " OFFSET 3", "age|integer|f|")
                        .afterComplete("SELECT id, age FROM public.users ORDER BY id", "1|30", "2|null", "3|41", "4|52"),
                onUsers("rename_column, then a type change and NOT NULL on the same column", """
                        - rename_column: {table: users, from: age, to: years}
                        - alter_column: {table: users, column: years, type: integer, nullable: false, up: "coalesce(CAST(age AS integer), 0)", down: CAST(years AS text)}
                        """)
                        .views("users", USER_COLUMNS, "users", List.of("id", "name", "email", "years"))
                        .writes(OLD_WRITE, "INSERT INTO users (name, years) VALUES ('dan', 52)")
                        .rejects("INSERT INTO users (name) VALUES ('eve')")
                        .oldReads("SELECT id, age FROM users ORDER BY id", "1|30", "2|null", "3|41", "4|52")
                        .newReads("SELECT id, years + 1 FROM users ORDER BY id", "1|31", "2|1", "3|42", "4|53")
                        .afterComplete(Catalog.columns("public.users") + " OFFSET 3", "years|integer|t|")
                        .afterComplete("SELECT id, years FROM public.users ORDER BY id", "1|30", "2|0", "3|41", "4|52"),
                onUsers("alter_column nullable false with up on a column holding NULLs", """
                        - alter_column: {table: users, column: email, nullable: false, up: "coalesce(email, name || '@example.com')", down: email}
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes("INSERT INTO users (name) VALUES ('cat')", "INSERT INTO users (name, email) VALUES ('dan', 'dan@x')")
                        .rejects("INSERT INTO users (name) VALUES ('eve')")
                        .oldReads("SELECT id, email FROM users ORDER BY id", "1|ann@example.com", "2|null", "3|null", "4|dan@x")
                        .newReads("SELECT id, email FROM users ORDER BY id", "1|ann@example.com", "2|bob@example.com",
                                "3|cat@example.com", "4|dan@x")
                        .afterComplete("SELECT id, email FROM public.users ORDER BY id", "1|ann@example.com",
                                "2|bob@example.com", "3|cat@example.com", "4|dan@x")
                        .afterComplete(Catalog.columns("public.users") + " OFFSET 3", "email|text|t|"),
                onUsers("alter_column default", """
                        - alter_column: {table: users, column: email, default: "'nobody@example.com'"}
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes("INSERT INTO users (name) VALUES ('cat')", "INSERT INTO users (name) VALUES ('dan')")
                        .oldReads("SELECT id, email FROM users ORDER BY id", "1|ann@example.com", "2|null", "3|null",
                                "4|nobody@example.com")
                        .newReads("SELECT id, email FROM users ORDER BY id", "1|ann@example.com", "2|null", "3|null",
                                "4|nobody@example.com")
                        .afterComplete(Catalog.columns("public.users") + " OFFSET 3", "email|text|f|'nobody@example.com'::text"),
                onUsers("alter_column comment", """
                        - alter_column: {table: users, column: email, comment: where to write}
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, NEW_WRITE)
                        .oldReads("SELECT id, name, email FROM users ORDER BY id", "1|ann|ann@example.com", "2|bob|null",
                                "3|cat|cat@example.com", "4|dan|dan@example.com")
                        .newReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .afterComplete("SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a"
                                + " WHERE a.attrelid = 'public.users'::regclass AND a.attname = 'email'", "email|where to write"),
                onUsers("alter_column check", """
                        - alter_column:
                            table: users
                            column: email
                            check: {name: users_email_at, constraint: email LIKE '%@%'}
                            up: "CASE WHEN email LIKE '%@%' THEN email ELSE email || '@invalid' END"
                            down: email
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes("INSERT INTO users (name, email) VALUES ('cat', 'cat-at-home')", NEW_WRITE)
                        .rejects("INSERT INTO users (name, email) VALUES ('eve', 'eve-at-home')")
                        .oldReads("SELECT id, email FROM users ORDER BY id", "1|ann@example.com", "2|null", "3|cat-at-home",
                                "4|dan@example.com")
                        .newReads("SELECT id, email FROM users ORDER BY id", "1|ann@example.com", "2|null",
                                "3|cat-at-home@invalid", "4|dan@example.com")
                        .afterComplete(Catalog.constraints("public.users"), "users_email_at|c|t", "users_pkey|p|t"),
                onUsers("alter_column unique", """
                        - alter_column: {table: users, column: email, unique: {name: users_email_unique}, up: email, down: email}
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, NEW_WRITE)
                        .rejects("INSERT INTO users (name, email) VALUES ('eve', 'ann@example.com')")
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .newReads("SELECT id, email FROM users ORDER BY id", "1|ann@example.com", "2|null",
                                "3|cat@example.com", "4|dan@example.com")
                        .afterComplete(Catalog.constraints("public.users"), "users_email_unique|u|t", "users_pkey|p|t"),
                TeamForeignKey.of("alter_column references", operations("""
                        - alter_column:
                            table: users
                            column: team_id
                            references: {name: users_team_fk, table: teams, column: id, on_delete: SET NULL}
                            up: "CASE WHEN team_id IN (1, 2) THEN team_id END"
                            down: team_id
                        """))
                        .afterComplete("SELECT id, team_id FROM public.users ORDER BY id", "1|1", "2|null", "3|null", "4|2"));
    }
}
