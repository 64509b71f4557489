package dev.tuesday.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.ValidationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator against the running example's schema on real PostgreSQL: each wrong migration is
 * refused with the file, the operation and the wrong name, and nothing in the catalog changes.
 */
class MigrationValidatorTest {

    private static final Map<Integer, TestDatabases.Database> DATABASES = new ConcurrentHashMap<>();

    /** users as 01_create_users.yaml makes it, plus a team table, a constraint and an index to refer to. */
    static TestDatabases.Database database(int major) {
        return DATABASES.computeIfAbsent(major, v -> {
            TestDatabases.Database db = TestDatabases.fresh(v);
            db.exec("CREATE TABLE teams (id bigint PRIMARY KEY, title text)",
                    "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, email text,"
                            + " team_id bigint CONSTRAINT users_team_fk REFERENCES teams(id),"
                            + " CONSTRAINT email_has_at CHECK (email LIKE '%@%'))",
                    "CREATE INDEX users_email_idx ON users (email)",
                    "INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com'), (NULL, NULL)");
            return db;
        });
    }

    static Migration yaml(String text) {
        return MigrationFile.parse(text, "02_x.yaml", MigrationFile.Format.YAML);
    }

    static Schema validate(int major, String yaml) {
        TestDatabases.Database db = database(major);
        try (Connection c = db.dataSource().getConnection()) {
            return MigrationValidator.validate(yaml(yaml), SchemaReader.read(c, "public"), c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> wrongMigrations() {
        return Stream.of(
                arguments("missing column", """
                        operations:
                          - add_column: {table: users, column: {name: nick, type: text, nullable: true}}
                          - alter_column: {table: users, column: nmae, nullable: false, up: "coalesce(nmae, '')"}
                        """, "02_x.yaml: operations[1].alter_column: column \"nmae\" does not exist in table \"users\""),
                arguments("missing table", """
                        operations: [{rename_column: {table: userz, from: name, to: full_name}}]
                        """, "02_x.yaml: operations[0].rename_column: table \"userz\" does not exist"),
                arguments("duplicate column", """
                        operations: [{add_column: {table: users, column: {name: email, type: text, nullable: true}}}]
                        """, "02_x.yaml: operations[0].add_column: column \"email\" already exists in table \"users\""),
                arguments("duplicate column inside create_table", """
                        operations:
                          - create_table: {name: t, columns: [{name: a, type: int}, {name: a, type: text}]}
                        """, "02_x.yaml: operations[0].create_table: column \"a\" already exists in table \"t\""),
                arguments("table that exists", """
                        operations: [{create_table: {name: users, columns: [{name: a, type: int}]}}]
                        """, "02_x.yaml: operations[0].create_table: table \"users\" already exists"),
                arguments("rename target taken", """
                        operations: [{rename_column: {table: users, from: name, to: email}}]
                        """, "02_x.yaml: operations[0].rename_column: column \"email\" already exists in table \"users\""),
                arguments("rename table onto an index name", """
                        operations: [{rename_table: {from: users, to: users_email_idx}}]
                        """, "02_x.yaml: operations[0].rename_table: name \"users_email_idx\" is already used by a "
                                + "table or index of the schema"),
                arguments("type that does not exist", """
                        operations: [{add_column: {table: users, column: {name: age, type: intger, nullable: true}}}]
                        """, "02_x.yaml: operations[0].add_column: type \"intger\" of column \"age\" does not exist"),
                arguments("up naming a column that does not exist", """
                        operations:
                          - add_column: {table: users, up: upper(nmae), column: {name: shout, type: text}}
                        """, "02_x.yaml: operations[0].add_column: up is not valid SQL: column \"nmae\" does not exist "
                                + "(in: upper(nmae))"),
                arguments("nullable false without up", """
                        operations: [{alter_column: {table: users, column: name, nullable: false}}]
                        """, "02_x.yaml: operations[0].alter_column: \"up\" is required with nullable: false: it gives "
                                + "the rows holding NULL a value"),
                arguments("not null column added without default or up", """
                        operations: [{add_column: {table: users, column: {name: nick, type: text}}}]
                        """, "02_x.yaml: operations[0].add_column: \"up\" is required for a NOT NULL column without a "
                                + "default: the rows already in the table need a value"),
                arguments("alter with nothing to change", """
                        operations: [{alter_column: {table: users, column: name, up: name, down: name}}]
                        """, "02_x.yaml: operations[0].alter_column: nothing to change on column \"name\" of table "
                                + "\"users\": give at least one of type, nullable, default, comment, check, unique, "
                                + "references"),
                arguments("already nullable", """
                        operations: [{alter_column: {table: users, column: name, nullable: true}}]
                        """, "02_x.yaml: operations[0].alter_column: column \"name\" of table \"users\" is already nullable"),
                arguments("check that is not boolean", """
                        operations:
                          - alter_column: {table: users, column: name, check: {name: c1, constraint: length(name)},
                                           up: name, down: name}
                        """, "02_x.yaml: operations[0].alter_column: check is not valid SQL: argument of WHERE must be "
                                + "type boolean, not type integer (in: length(name))"),
                arguments("default that does not fit the type", """
                        operations: [{add_column: {table: users, column: {name: age, type: integer, default: "'old'"}}}]
                        """, "02_x.yaml: operations[0].add_column: column.default is not valid SQL: invalid input "
                                + "syntax for type integer: \"old\" (in: 'old')"),
                arguments("down over the new shape", """
                        operations: [{drop_column: {table: users, column: email, down: "email || '!'"}}]
                        """, "02_x.yaml: operations[0].drop_column: down is not valid SQL: column \"email\" does not "
                                + "exist (in: email || '!')"),
                arguments("missing constraint", """
                        operations: [{drop_constraint: {table: users, name: no_such, up: email, down: email}}]
                        """, "02_x.yaml: operations[0].drop_constraint: constraint \"no_such\" does not exist on table "
                                + "\"users\""),
                arguments("constraint name taken", """
                        operations:
                          - create_constraint: {table: users, name: email_has_at, type: check, check: "email <> ''",
                                                columns: [email], up: {email: email}, down: {email: email}}
                        """, "02_x.yaml: operations[0].create_constraint: constraint \"email_has_at\" already exists "
                                + "on table \"users\""),
                arguments("up for a column the constraint lacks", """
                        operations:
                          - create_constraint: {table: users, name: uq, type: unique, columns: [email],
                                                up: {name: name}, down: {email: email}}
                        """, "02_x.yaml: operations[0].create_constraint: \"up.name\" names a column that is not one "
                                + "of the constraint's columns [email]"),
                arguments("missing index", """
                        operations: [{drop_index: {name: users_name_idx}}]
                        """, "02_x.yaml: operations[0].drop_index: index \"users_name_idx\" does not exist"),
                arguments("index of a constraint", """
                        operations: [{drop_index: {name: users_pkey}}]
                        """, "02_x.yaml: operations[0].drop_index: \"name\" is the index of constraint \"users_pkey\" "
                                + "on table \"users\": drop the constraint instead"),
                arguments("index on a missing column", """
                        operations: [{create_index: {name: i1, table: users, columns: [nmae]}}]
                        """, "02_x.yaml: operations[0].create_index: column \"nmae\" does not exist in table \"users\""),
                arguments("foreign key to a missing column", """
                        operations:
                          - add_column:
                              table: users
                              column: {name: t2, type: bigint, nullable: true,
                                       references: {name: fk2, table: teams, column: uid}}
                        """, "02_x.yaml: operations[0].add_column: column \"uid\" does not exist in table \"teams\""),
                arguments("name longer than PostgreSQL keeps", """
                        operations:
                          - rename_column: {table: users, from: name,
                                            to: a_name_that_goes_on_and_on_well_past_the_sixty_three_bytes_postgres_keeps}
                        """, "02_x.yaml: operations[0].rename_column: name \"a_name_that_goes_on_and_on_well_past_the_"
                                + "sixty_three_bytes_postgres_keeps\" is longer than 63 bytes, PostgreSQL's limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongMigrations")
    void aMigrationThatDoesNotFitIsRefusedNamingFileOperationAndName(String why, String yaml, String expected) {
        assertThatThrownBy(() -> validate(18, yaml)).isInstanceOf(ValidationException.class).hasMessage(expected);
    }

    @OnOldestAndNewestPostgres
    void anUpThatIsNotValidSqlIsRefusedAndTheCatalogStaysAsItWas(int major) {
        TestDatabases.Database db = database(major);
        List<String> before = db.catalog("public");

        assertThatThrownBy(() -> validate(major, """
                operations:
                  - alter_column: {table: users, column: name, nullable: false, up: "coalesce(name,, 'anonymous')"}
                """)).isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("02_x.yaml: operations[0].alter_column: up is not valid SQL: "
                            + "syntax error at or near \",\" (in: coalesce(name,, 'anonymous'))");
                    assertThat(e.operationIndex()).isZero();
                    assertThat(e.kind()).isEqualTo("alter_column");
                    assertThat(e.problem()).isInstanceOf(ValidationProblem.InvalidExpression.class);
                });

        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(db.value("SELECT count(*) FROM users")).isEqualTo("2");
    }

    static Stream<Arguments> escapingFragments() {
        return TestDatabases.versions().flatMap(pg -> Stream.of(
                Arguments.of(pg, "a check that commits and creates a table", """
                        operations:
                          - alter_column:
                              table: users
                              column: email
                              check: {name: c, constraint: "true) LIMIT 0; COMMIT; CREATE TABLE public.pwned (x int); SELECT (true"}
                        """, "check is not valid SQL: it holds a ';': it must be one expression, not statements"),
                Arguments.of(pg, "an up that closes the CHECK around it to add clauses", """
                        operations:
                          - alter_column:
                              table: users
                              column: name
                              nullable: false
                              up: "coalesce(name, 'x')) , DROP COLUMN email, ADD CHECK (true"
                        """, "up is not valid SQL: it closes a parenthesis it did not open"),
                Arguments.of(pg, "a type that ends the statement", """
                        operations:
                          - add_column: {table: users, column: {name: age, type: "int); CREATE TABLE public.pwned (x int", nullable: true}}
                        """, "type is not valid SQL: it holds a ';': it must be one expression, not statements"),
                Arguments.of(pg, "a default that hides what follows", """
                        operations:
                          - alter_column: {table: users, column: name, default: "'x' -- and the rest"}
                        """, "default is not valid SQL: a -- comment would hide the SQL that follows the fragment"),
                Arguments.of(pg, "index storage parameters that end the statement", """
                        operations:
                          - create_index: {name: i, table: users, columns: [name], storage_parameters: "fillfactor = 70); DROP TABLE teams; SELECT (1"}
                        """, "storage_parameters is not valid SQL: it holds a ';'")));
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("escapingFragments")
    void aFragmentThatWouldEscapeItsPlaceIsRefusedAndNothingChanges(int major, String why, String yaml, String expected)
            throws SQLException {
        TestDatabases.Database db = database(major);
        List<String> before = db.catalog("public");

        assertThatThrownBy(() -> validate(major, yaml)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.getMessage()).contains(expected));
        // Without a database too: the shape of a fragment needs none.
        try (Connection c = db.dataSource().getConnection()) {
            Schema live = SchemaReader.read(c, "public");
            assertThatThrownBy(() -> MigrationValidator.validate(yaml(yaml), live))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains(expected));
        }

        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(db.value("SELECT count(*) FROM pg_class WHERE relname = 'pwned'")).isEqualTo("0");
    }

    @OnOldestAndNewestPostgres
    void semicolonsAndParenthesesInsideStringsAndQuotedNamesAreText(int major) {
        validate(major, """
                operations:
                  - alter_column:
                      table: users
                      column: name
                      nullable: false
                      up: 'coalesce(name, ''a;b) ('' || $$;)$$ || "name")'
                      down: "name /* ; ) */"
                """);
    }

    @OnOldestAndNewestPostgres
    void theRunningExampleIsValidAndTheResultHasTheNewShape(int major) {
        // up reads a row as the old version writes it (name), down as the new one does (full_name).
        Schema after = validate(major, """
                operations:
                  - rename_column: {table: users, from: name, to: full_name}
                  - alter_column: {table: users, column: full_name, nullable: false, up: "coalesce(name, '')",
                                   down: full_name, type: varchar(200), default: "'anonymous'"}
                """);

        Table users = after.table("users").orElseThrow();
        assertThat(users.columns()).extracting(TableColumn::name).containsExactly("id", "full_name", "email", "team_id");
        assertThat(users.column("full_name").orElseThrow()).satisfies(c -> {
            assertThat(c.type()).isEqualTo("varchar(200)");
            assertThat(c.nullable()).isFalse();
            assertThat(c.defaultValue()).isEqualTo("'anonymous'");
        });
    }

    @Test
    void anOperationMayUseWhatAnEarlierOneCreated() {
        Schema after = validate(18, """
                operations:
                  - create_table:
                      name: orders
                      columns:
                        - {name: id, type: bigserial, pk: true}
                        - {name: user_id, type: bigint, references: {name: orders_user_fk, table: users, column: id}}
                        - {name: total, type: "numeric(10,2)", check: {name: total_positive, constraint: total >= 0}}
                  - add_column: {table: orders, column: {name: note, type: text}}
                  - create_index: {name: orders_user_idx, table: orders, columns: [user_id], predicate: total > 0 AND id > 0}
                  - rename_table: {from: orders, to: purchases}
                  - create_constraint: {table: purchases, name: purchases_note_uq, type: unique, columns: [note],
                                        up: {note: note}, down: {note: note}}
                  - drop_index: {name: orders_user_idx}
                """);

        Table purchases = after.table("purchases").orElseThrow();
        assertThat(after.table("orders")).isEmpty();
        assertThat(purchases.columns()).extracting(TableColumn::name).containsExactly("id", "user_id", "total", "note");
        assertThat(purchases.primaryKey()).containsExactly("id");
        assertThat(purchases.constraint("purchases_note_uq")).isPresent();
        assertThat(purchases.index("orders_user_idx")).isEmpty();
    }

    @Test
    void aFolderIsValidatedInOrderEachFileAgainstWhatTheOnesBeforeLeave() throws SQLException {
        Migration rename = MigrationFile.parse("operations: [{rename_column: {table: users, from: name, to: full_name}}]",
                "02_full_name.yaml", MigrationFile.Format.YAML);
        Migration usesNewName = MigrationFile.parse("operations: [{create_index: {name: users_full_name_idx, "
                + "table: users, columns: [full_name]}}]", "03_index.yaml", MigrationFile.Format.YAML);
        Migration usesOldName = MigrationFile.parse("operations: [{create_index: {name: users_name_idx, "
                + "table: users, columns: [name]}}]", "04_index.yaml", MigrationFile.Format.YAML);

        try (Connection c = database(18).dataSource().getConnection()) {
            Schema schema = SchemaReader.read(c, "public");
            assertThat(MigrationValidator.validateAll(List.of(rename, usesNewName), schema, c).table("users")
                    .orElseThrow().index("users_full_name_idx")).isPresent();
            assertThatThrownBy(() -> MigrationValidator.validateAll(List.of(rename, usesOldName), schema, c))
                    .hasMessage("04_index.yaml: operations[0].create_index: column \"name\" does not exist in table "
                            + "\"users\"");
        }
    }

    @Test
    void aLaterOperationCannotUseWhatAnEarlierOneRemoved() {
        assertThatThrownBy(() -> validate(18, """
                operations:
                  - drop_column: {table: users, column: email}
                  - create_index: {name: users_email2_idx, table: users, columns: [email]}
                """)).hasMessage("02_x.yaml: operations[1].create_index: column \"email\" does not exist in table \"users\"");
    }

    @Test
    void operationsAfterRawSqlAreNotCheckedAgainstTheSchema() {
        Schema after = validate(18, """
                operations:
                  - sql: {up: "CREATE TABLE made_by_sql (a int)", down: "DROP TABLE made_by_sql"}
                  - add_column: {table: made_by_sql, column: {name: b, type: int, nullable: true}}
                """);

        assertThat(after.table("users")).isPresent();
    }

    @Test
    void withoutADatabaseOnlyNamesAreChecked() {
        Schema schema;
        try (Connection c = database(18).dataSource().getConnection()) {
            schema = SchemaReader.read(c, "public");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Migration badSqlGoodNames = yaml("operations: [{add_column: {table: users, up: 'nmae ||', "
                + "column: {name: nick, type: strnig}}}]");

        assertThat(MigrationValidator.validate(badSqlGoodNames, schema).table("users").orElseThrow().hasColumn("nick"))
                .isTrue();
        assertThatThrownBy(() -> MigrationValidator.validate(yaml("operations: [{drop_table: {name: nobody}}]"), schema))
                .hasMessage("02_x.yaml: operations[0].drop_table: table \"nobody\" does not exist");
    }

    @Test
    void theConnectionIsLeftAsItWasFound() throws SQLException {
        TestDatabases.Database db = database(18);
        try (Connection c = db.dataSource().getConnection()) {
            Schema schema = SchemaReader.read(c, "public");
            MigrationValidator.validate(yaml("operations: [{drop_table: {name: teams}}]"), schema, c);

            assertThat(c.getAutoCommit()).isTrue();
            try (var s = c.createStatement(); var rs = s.executeQuery("SHOW search_path")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("\"$user\", public");
            }
        }
    }
}
