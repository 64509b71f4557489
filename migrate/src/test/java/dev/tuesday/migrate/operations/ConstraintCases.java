package dev.tuesday.migrate.operations;

import static dev.tuesday.migrate.operations.Setups.USERS;
import static dev.tuesday.migrate.operations.Setups.USERS_SEED;
import static dev.tuesday.migrate.operations.Setups.USER_COLUMNS;
import static dev.tuesday.migrate.operations.Setups.operations;
import static dev.tuesday.migrate.operations.TableCases.FOUR_NAMES;
import static dev.tuesday.migrate.operations.TableCases.NEW_WRITE;
import static dev.tuesday.migrate.operations.TableCases.OLD_WRITE;
import static dev.tuesday.migrate.operations.TableCases.onUsers;

import java.util.List;

/** Cases of the constraint operations, each type of create_constraint, and awkward identifiers. */
final class ConstraintCases {

    private ConstraintCases() {
    }

    /** USERS with a check on name and a unique constraint over (name, email). */
    private static final String USERS_CONSTRAINED = """
            operations:
              - create_table:
                  name: users
                  columns:
                    - {name: id, type: bigint, pk: true, generated: {identity: {user_specified_values: BY DEFAULT}}}
                    - {name: name, type: text, nullable: true, check: {name: users_name_not_empty, constraint: name <> ''}}
                    - {name: email, type: text, nullable: true}
                    - {name: age, type: text, nullable: true}
                  constraints:
                    - {name: users_name_email_key, type: unique, columns: [name, email]}
            """;

    /** A table without a primary key. */
    private static final String TAGS = """
            operations:
              - create_table:
                  name: tags
                  columns:
                    - {name: name, type: text, nullable: true}
                    - {name: note, type: text, nullable: true}
            """;

    static List<OperationCase> all() {
        return List.of(
                onUsers("create_constraint unique over two columns, with up, down and index parameters", """
                        - create_constraint:
                            table: users
                            name: users_name_email_key
                            type: unique
                            columns: [name, email]
                            index_parameters: {include_columns: [age], storage_parameters: fillfactor=80}
                            up: {email: lower(email)}
                            down: {name: name, email: email}
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes("INSERT INTO users (name, email) VALUES ('cat', 'CAT@example.com')", NEW_WRITE)
                        .rejects("INSERT INTO users (name, email) VALUES ('ann', 'ann@example.com')")
                        .oldReads("SELECT id, name, email FROM users ORDER BY id", "1|ann|ann@example.com", "2|bob|null",
                                "3|cat|CAT@example.com", "4|dan|dan@example.com")
                        .newReads("SELECT id, name, email FROM users ORDER BY id", "1|ann|ann@example.com", "2|bob|null",
                                "3|cat|cat@example.com", "4|dan|dan@example.com")
                        .afterComplete(Catalog.constraints("public.users"), "users_name_email_key|u|t", "users_pkey|p|t")
                        .afterComplete(Catalog.indexes("public.users") + " LIMIT 1", "users_name_email_key|CREATE UNIQUE"
                                + " INDEX users_name_email_key ON public.users USING btree (name, email) INCLUDE (age)"
                                + " WITH (fillfactor='80')")
                        .afterComplete(Catalog.columns("public.users"), "id|bigint|t|", "age|text|f|", "name|text|f|",
                                "email|text|f|"),
                onUsers("create_constraint check, old rows fixed by up", """
                        - create_constraint:
                            table: users
                            name: users_name_long
                            type: check
                            columns: [name]
                            check: length(name) > 2
                            up: {name: "CASE WHEN length(name) > 2 THEN name ELSE name || '__' END"}
                            down: {name: name}
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes("INSERT INTO users (name) VALUES ('cy')", "INSERT INTO users (name) VALUES ('dan')")
                        .rejects("INSERT INTO users (name) VALUES ('x')")
                        .oldReads("SELECT id, name FROM users ORDER BY id", "1|ann", "2|bob", "3|cy", "4|dan")
                        .newReads("SELECT id, name FROM users ORDER BY id", "1|ann", "2|bob", "3|cy__", "4|dan")
                        .afterComplete(Catalog.constraints("public.users"), "users_name_long|c|t", "users_pkey|p|t")
                        .afterComplete("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'users_name_long'",
                                "CHECK ((length(name) > 2))")
                        .afterComplete("SELECT id, name FROM public.users ORDER BY id", "1|ann", "2|bob", "3|cy__", "4|dan"),
                TeamForeignKey.of("create_constraint foreign_key, dangling rows cleared by up", operations("""
                        - create_constraint:
                            table: users
                            name: users_team_fk
                            type: foreign_key
                            columns: [team_id]
                            references: {table: teams, columns: [id], on_delete: CASCADE}
                            up: {team_id: "CASE WHEN team_id IN (1, 2) THEN team_id END"}
                            down: {team_id: team_id}
                        """))
                        .afterComplete("SELECT confdeltype FROM pg_constraint WHERE conname = 'users_team_fk'", "c"),
                OperationCase.of("create_constraint primary_key on a table without one (walked by ctid)", TAGS,
                                "INSERT INTO tags VALUES ('a', 'x'), (NULL, 'y')", operations("""
                                        - create_constraint:
                                            table: tags
                                            name: tags_pkey
                                            type: primary_key
                                            columns: [name]
                                            up: {name: "coalesce(name, 'unnamed-' || note)"}
                                            down: {name: name}
                                        """))
                        .views("tags", List.of("name", "note"), "tags", List.of("name", "note"))
                        .writes("INSERT INTO tags (note) VALUES ('z')", "INSERT INTO tags VALUES ('d', 'w')")
                        .rejects("INSERT INTO tags VALUES ('a', 'again')")
                        .oldReads("SELECT name, note FROM tags ORDER BY note", "d|w", "a|x", "null|y", "null|z")
                        .newReads("SELECT name, note FROM tags ORDER BY note", "d|w", "a|x", "unnamed-y|y", "unnamed-z|z")
                        .afterComplete(Catalog.constraints("public.tags"), "tags_pkey|p|t")
                        .afterComplete(Catalog.columns("public.tags"), "note|text|f|", "name|text|t|"),
                OperationCase.of("drop_constraint", USERS_CONSTRAINED, USERS_SEED, operations("""
                        - drop_constraint: {table: users, name: users_name_not_empty, up: name, down: "coalesce(nullif(name, ''), 'none')"}
                        """))
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, NEW_WRITE)
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .afterComplete(Catalog.constraints("public.users"), "users_name_email_key|u|t", "users_pkey|p|t"),
                OperationCase.of("drop_multicolumn_constraint", USERS_CONSTRAINED, USERS_SEED, operations("""
                        - drop_multicolumn_constraint:
                            table: users
                            name: users_name_email_key
                            up: {name: name, email: email}
                            down: {name: name, email: email}
                        """))
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, NEW_WRITE)
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .afterComplete(Catalog.constraints("public.users"), "users_name_not_empty|c|t", "users_pkey|p|t")
                        .afterComplete(Catalog.indexes("public.users"), "users_pkey|CREATE UNIQUE INDEX users_pkey ON"
                                + " public.users USING btree (id)"),
                OperationCase.of("rename_constraint", USERS_CONSTRAINED, USERS_SEED, operations("""
                        - rename_constraint: {table: users, from: users_name_not_empty, to: users_name_present}
                        """))
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, NEW_WRITE)
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .afterComplete(Catalog.constraints("public.users"), "users_name_email_key|u|t",
                                "users_name_present|c|t", "users_pkey|p|t"),
                OperationCase.of("identifiers with quotes, spaces, upper case, accents and reserved words", """
                        operations:
                          - create_table:
                              name: 'Order "Items"'
                              columns:
                                - {name: id, type: bigint, pk: true, generated: {identity: {user_specified_values: BY DEFAULT}}}
                                - {name: User Name, type: text, nullable: true}
                                - {name: order, type: text, nullable: true}
                        """, "INSERT INTO \"Order \"\"Items\"\"\" (\"User Name\", \"order\") VALUES ('ann', '1'), ('bob', NULL)",
                                operations("""
                                        - alter_column: {table: 'Order "Items"', column: order, nullable: false, up: "coalesce(\\"order\\", '0')", down: '"order"'}
                                        - create_constraint:
                                            table: 'Order "Items"'
                                            name: 'Select "Check"'
                                            type: check
                                            columns: [User Name]
                                            check: length("User Name") > 2
                                            up: {User Name: "rpad(\\"User Name\\", 3, '_')"}
                                            down: {User Name: '"User Name"'}
                                        - create_index: {name: 'Idx "Order"', table: 'Order "Items"', columns: [order]}
                                        - rename_table: {from: 'Order "Items"', to: 'Ünï "Tablé"'}
                                        """))
                        .views("Order \"Items\"", List.of("id", "User Name", "order"), "Ünï \"Tablé\"",
                                List.of("id", "User Name", "order"))
                        .writes("INSERT INTO \"Order \"\"Items\"\"\" (\"User Name\") VALUES ('cy')",
                                "INSERT INTO \"Ünï \"\"Tablé\"\"\" (\"User Name\", \"order\") VALUES ('dan', '7')")
                        .rejects("INSERT INTO \"Ünï \"\"Tablé\"\"\" (\"User Name\", \"order\") VALUES ('x', '1')")
                        .oldReads("SELECT id, \"User Name\", \"order\" FROM \"Order \"\"Items\"\"\" ORDER BY id",
                                "1|ann|1", "2|bob|null", "3|cy|null", "4|dan|7")
                        .newReads("SELECT id, \"User Name\", \"order\" FROM \"Ünï \"\"Tablé\"\"\" ORDER BY id",
                                "1|ann|1", "2|bob|0", "3|cy_|0", "4|dan|7")
                        .afterComplete(Catalog.constraints("public.\"Ünï \"\"Tablé\"\"\""), "Order \"Items\"_pkey|p|t",
                                "Select \"Check\"|c|t")
                        .afterComplete(Catalog.columns("public.\"Ünï \"\"Tablé\"\"\""), "id|bigint|t|", "order|text|t|",
                                "User Name|text|f|")
                        .afterComplete("SELECT id, \"User Name\", \"order\" FROM public.\"Ünï \"\"Tablé\"\"\" ORDER BY id",
                                "1|ann|1", "2|bob|0", "3|cy_|0", "4|dan|7")
                        .afterComplete("SELECT count(*) FROM pg_indexes WHERE indexname = 'Idx \"Order\"'", "1"));
    }
}
