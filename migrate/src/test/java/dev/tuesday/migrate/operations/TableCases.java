package dev.tuesday.migrate.operations;

import static dev.tuesday.migrate.operations.Setups.USERS;
import static dev.tuesday.migrate.operations.Setups.USERS_SEED;
import static dev.tuesday.migrate.operations.Setups.USER_COLUMNS;
import static dev.tuesday.migrate.operations.Setups.operations;

import java.util.List;

/** Cases of the operations on whole tables, indexes and raw SQL. */
final class TableCases {

    private TableCases() {
    }

    static final String OLD_WRITE = "INSERT INTO users (name, email, age) VALUES ('cat', 'cat@example.com', '41')";
    static final String NEW_WRITE = "INSERT INTO users (name, email, age) VALUES ('dan', 'dan@example.com', '52')";
    static final String[] FOUR_NAMES = {"1|ann", "2|bob", "3|cat", "4|dan"};

    static OperationCase onUsers(String name, String items) {
        return OperationCase.of(name, USERS, USERS_SEED, operations(items));
    }

    static List<OperationCase> all() {
        return List.of(
                onUsers("create_table with every column feature", """
                        - create_table:
                            name: orders
                            comment: what users bought
                            columns:
                              - {name: id, type: integer, pk: true, generated: {identity: {user_specified_values: ALWAYS, sequence_options: START WITH 100}}}
                              - {name: user_id, type: bigint, references: {name: orders_user_fk, table: users, column: id, on_delete: CASCADE}}
                              - {name: code, type: varchar(20), unique: true, comment: the order's code}
                              - {name: amount, type: "numeric(10,2)", default: "0", check: {name: orders_amount_positive, constraint: amount >= 0}}
                              - {name: doubled, type: "numeric(10,2)", nullable: true, generated: {expression: amount * 2}}
                              - {name: period, type: int4range, nullable: true}
                            constraints:
                              - {name: orders_amount_max, type: check, check: amount < 1000000}
                              - {name: orders_period_excl, type: exclude, exclude: {index_method: gist, elements: period WITH &&}}
                        """)
                        .views("orders", List.of(), "orders", List.of("id", "user_id", "code", "amount", "doubled", "period"))
                        .writes(OLD_WRITE, "INSERT INTO orders (user_id, code, amount, period) VALUES (1, 'A-1', 5, '[1,5)')")
                        .rejects("INSERT INTO orders (user_id, code, amount) VALUES (1, 'A-2', -1)")
                        .oldReads("SELECT id, name FROM users ORDER BY id", "1|ann", "2|bob", "3|cat")
                        .newReads("SELECT id, user_id, code, amount, doubled, period FROM orders", "100|1|A-1|5.00|10.00|[1,5)")
                        .afterComplete(Catalog.constraints("public.orders"), "orders_amount_max|c|t",
                                "orders_amount_positive|c|t", "orders_code_key|u|t", "orders_period_excl|x|t",
                                "orders_pkey|p|t", "orders_user_fk|f|t")
                        .afterComplete("SELECT attname, attidentity, attgenerated, attnotnull FROM pg_attribute"
                                + " WHERE attrelid = 'public.orders'::regclass AND attnum > 0 ORDER BY attnum",
                                "id|a||t", "user_id|||t", "code|||t", "amount|||t", "doubled||s|f", "period|||f")
                        .afterComplete("SELECT obj_description('public.orders'::regclass, 'pg_class'),"
                                + " col_description('public.orders'::regclass, 3), confdeltype FROM pg_constraint"
                                + " WHERE conname = 'orders_user_fk'", "what users bought|the order's code|c"),
                onUsers("create_table with table constraints: primary key, foreign key, unique", """
                        - create_table:
                            name: memberships
                            columns:
                              - {name: user_id, type: bigint}
                              - {name: team, type: text}
                              - {name: since, type: date, nullable: true, default: CURRENT_DATE}
                            constraints:
                              - {name: memberships_pkey, type: primary_key, columns: [user_id, team]}
                              - {name: memberships_user_fk, type: foreign_key, columns: [user_id], references: {table: users, columns: [id], on_delete: CASCADE}}
                              - {name: memberships_team_key, type: unique, columns: [team, since], deferrable: true, initially_deferred: true, index_parameters: {include_columns: [user_id]}}
                        """)
                        .views("memberships", List.of(), "memberships", List.of("user_id", "team", "since"))
                        .writes(OLD_WRITE, "INSERT INTO memberships (user_id, team) VALUES (1, 'core')")
                        .rejects("INSERT INTO memberships (user_id, team) VALUES (42, 'ops')")
                        .oldReads("SELECT id, name FROM users ORDER BY id", "1|ann", "2|bob", "3|cat")
                        .newReads("SELECT user_id, team, since = CURRENT_DATE FROM memberships", "1|core|t")
                        .afterComplete(Catalog.constraints("public.memberships"), "memberships_pkey|p|t",
                                "memberships_team_key|u|t", "memberships_user_fk|f|t")
                        .afterComplete("SELECT condeferrable, condeferred, pg_get_indexdef(conindid) FROM pg_constraint"
                                + " WHERE conname = 'memberships_team_key'", "t|t|CREATE UNIQUE INDEX memberships_team_key"
                                + " ON public.memberships USING btree (team, since) INCLUDE (user_id)"),
                onUsers("rename_table", """
                        - rename_table: {from: users, to: people}
                        """)
                        .views("users", USER_COLUMNS, "people", USER_COLUMNS)
                        .writes(OLD_WRITE, "INSERT INTO people (name, email, age) VALUES ('dan', NULL, NULL)")
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .newReads("SELECT id, name FROM people ORDER BY id", FOUR_NAMES)
                        .afterComplete("SELECT to_regclass('public.users') IS NOT NULL, to_regclass('public.people') IS NOT NULL", "f|t")
                        .afterComplete("SELECT id, name FROM public.people ORDER BY id", FOUR_NAMES),
                onUsers("drop_table", """
                        - drop_table: {name: users}
                        """)
                        .views("users", USER_COLUMNS, "users", List.of())
                        .writes(OLD_WRITE, null)
                        .oldReads("SELECT id, name FROM users ORDER BY id", "1|ann", "2|bob", "3|cat")
                        .afterComplete(Catalog.exists("public.users"), "f"),
                onUsers("create_index: btree with sort, nulls, collation and predicate; unique with storage; hash", """
                        - create_index:
                            name: users_name_email_idx
                            table: users
                            columns:
                              - {column: name, sort: DESC, nulls: LAST}
                              - {column: email, collate: C}
                            predicate: email IS NOT NULL
                        - create_index: {name: users_email_key, table: users, columns: [email], unique: true, storage_parameters: fillfactor=70}
                        - create_index: {name: users_age_hash, table: users, columns: [age], method: hash}
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, NEW_WRITE)
                        .rejects("INSERT INTO users (name, email) VALUES ('eve', 'ann@example.com')")
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .newReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .afterComplete(Catalog.indexes("public.users"),
                                "users_age_hash|CREATE INDEX users_age_hash ON public.users USING hash (age)",
                                "users_email_key|CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)"
                                        + " WITH (fillfactor='70')",
                                "users_name_email_idx|CREATE INDEX users_name_email_idx ON public.users USING btree"
                                        + " (name DESC NULLS LAST, email COLLATE \"C\") WHERE (email IS NOT NULL)",
                                "users_pkey|CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)"),
                OperationCase.of("drop_index", USERS + "  - create_index: {name: users_email_idx, table: users, columns: [email]}\n",
                                USERS_SEED, operations("""
                                        - drop_index: {name: users_email_idx}
                                        """))
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, NEW_WRITE)
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .newReads("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_idx'", "1")
                        .afterComplete("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_idx'", "0"),
                onUsers("set_replica_identity full", """
                        - set_replica_identity: {table: users, identity: {type: full}}
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, NEW_WRITE)
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .afterComplete("SELECT relreplident FROM pg_class WHERE oid = 'public.users'::regclass", "f"),
                onUsers("set_replica_identity using an index", """
                        - set_replica_identity: {table: users, identity: {type: index, index: users_pkey}}
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, NEW_WRITE)
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .afterComplete("SELECT relreplident, (SELECT indisreplident FROM pg_index WHERE indexrelid ="
                                + " 'public.users_pkey'::regclass) FROM pg_class WHERE oid = 'public.users'::regclass", "i|t"),
                onUsers("sql with up and down: a table created at start gets a view", """
                        - sql:
                            up: CREATE TABLE audit (id bigint PRIMARY KEY, note text)
                            down: DROP TABLE audit
                        """)
                        .views("audit", List.of(), "audit", List.of("id", "note"))
                        .writes(OLD_WRITE, "INSERT INTO audit VALUES (1, 'hello')")
                        .oldReads("SELECT id, name FROM users ORDER BY id", "1|ann", "2|bob", "3|cat")
                        .newReads("SELECT id, note FROM audit", "1|hello")
                        .afterComplete(Catalog.columns("public.audit"), "id|bigint|t|", "note|text|f|"),
                onUsers("sql at start adds a column: the new version sees it, the old one does not", """
                        - sql:
                            up: ALTER TABLE users ADD COLUMN nickname text
                            down: ALTER TABLE users DROP COLUMN nickname
                        """)
                        .views("users", USER_COLUMNS, "users", List.of("id", "name", "email", "age", "nickname"))
                        .writes(OLD_WRITE, "INSERT INTO users (name, nickname) VALUES ('dan', 'd')")
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .newReads("SELECT id, nickname FROM users ORDER BY id", "1|null", "2|null", "3|null", "4|d")
                        .afterComplete(Catalog.columns("public.users") + " OFFSET 4", "nickname|text|f|"),
                onUsers("sql on complete", """
                        - sql:
                            up: ALTER TABLE users ADD COLUMN note text DEFAULT 'none'
                            onComplete: true
                        """)
                        .views("users", USER_COLUMNS, "users", USER_COLUMNS)
                        .writes(OLD_WRITE, NEW_WRITE)
                        .oldReads("SELECT id, name FROM users ORDER BY id", FOUR_NAMES)
                        .afterComplete("SELECT id, note FROM public.users ORDER BY id", "1|none", "2|none", "3|none", "4|none"));
    }
}
