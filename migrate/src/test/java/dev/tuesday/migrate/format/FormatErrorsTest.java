package dev.tuesday.migrate.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.MigrationFile.Format;
import dev.tuesday.migrate.MigrationFileException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each way a file can be wrong gives one line naming the file and the path to the problem. */
class FormatErrorsTest {

    static Stream<Arguments> wrongFiles() {
        return Stream.of(
                arguments("unknown field with a near known one", """
                        operations:
                          - rename_column: {table: users, from: name, to: full_name}
                          - alter_column: {table: users, column: email, nulable: false, up: "''"}
                        """,
                        "02_x.yaml: operations[1].alter_column: unknown field \"nulable\" (did you mean \"nullable\"?)"),
                arguments("unknown field with no near one", """
                        operations: [{drop_table: {name: t, cascade: true}}]
                        """,
                        "02_x.yaml: operations[0].drop_table: unknown field \"cascade\""),
                arguments("unknown operation", """
                        operations: [{rename_colum: {table: t, from: a, to: b}}]
                        """,
                        "02_x.yaml: operations[0]: unknown operation \"rename_colum\" (did you mean \"rename_column\"?)"),
                arguments("operation with two keys", """
                        operations: [{drop_table: {name: t}, drop_index: {name: i}}]
                        """,
                        "02_x.yaml: operations[0]: an operation is an object with exactly one key, its kind "
                                + "(add_column, rename_column, ...); got 2: drop_table, drop_index"),
                arguments("operation with no key", """
                        operations: [{}]
                        """,
                        "02_x.yaml: operations[0]: an operation is an object with exactly one key, its kind "
                                + "(add_column, rename_column, ...); got none"),
                arguments("missing required field", """
                        operations: [{rename_column: {table: t, from: a}}]
                        """,
                        "02_x.yaml: operations[0].rename_column: missing required field \"to\""),
                arguments("missing required field deep down", """
                        operations:
                          - add_column:
                              table: t
                              column: {name: c, type: int, references: {name: fk, column: id}}
                        """,
                        "02_x.yaml: operations[0].add_column.column.references: missing required field \"table\""),
                arguments("wrong type: boolean expected", """
                        operations: [{alter_column: {table: t, column: c, nullable: "no"}}]
                        """,
                        "02_x.yaml: operations[0].alter_column.nullable: expected true or false, got a string"),
                arguments("wrong type: string expected", """
                        operations: [{add_column: {table: t, column: {name: c, type: int, default: 0}}}]
                        """,
                        "02_x.yaml: operations[0].add_column.column.default: expected a string, got a number "
                                + "(put it in quotes)"),
                arguments("wrong type: array expected", """
                        operations: [{create_table: {name: t, columns: {name: id, type: int}}}]
                        """,
                        "02_x.yaml: operations[0].create_table.columns: expected an array, got an object"),
                arguments("wrong type inside an array", """
                        operations: [{create_table: {name: t, columns: [{name: id, type: int}, 7]}}]
                        """,
                        "02_x.yaml: operations[0].create_table.columns[1]: expected an object, got a number"),
                arguments("bad enum value", """
                        operations:
                          - add_column:
                              table: t
                              column:
                                name: c
                                type: int
                                references: {name: fk, table: p, column: id, on_delete: cascade}
                        """,
                        "02_x.yaml: operations[0].add_column.column.references.on_delete: \"cascade\" is not one of "
                                + "NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT (did you mean \"CASCADE\"?)"),
                arguments("bad index method", """
                        operations: [{create_index: {name: i, table: t, columns: [a], method: btre}}]
                        """,
                        "02_x.yaml: operations[0].create_index.method: \"btre\" is not one of btree, hash, gist, "
                                + "spgist, gin, brin (did you mean \"btree\"?)"),
                arguments("field that the constraint type does not take", """
                        operations:
                          - create_table:
                              name: t
                              columns: [{name: a, type: int}]
                              constraints: [{name: u, type: unique, columns: [a], check: a > 0}]
                        """,
                        "02_x.yaml: operations[0].create_table.constraints[0]: field \"check\" does not apply to a "
                                + "unique constraint"),
                arguments("sql with down and onComplete", """
                        operations: [{sql: {up: SELECT 1, down: SELECT 2, onComplete: true}}]
                        """,
                        "02_x.yaml: operations[0].sql: \"down\" cannot be given with \"onComplete\": true "
                                + "(SQL run at complete is not undone)"),
                arguments("no operations", """
                        name: x
                        """,
                        "02_x.yaml: missing required field \"operations\""),
                arguments("unknown top-level field", """
                        version: 2
                        operations: []
                        """,
                        "02_x.yaml: unknown field \"version\""),
                arguments("empty file", "",
                        "02_x.yaml: the file is empty; expected an object with \"operations\""),
                arguments("generated with both forms", """
                        operations:
                          - create_table:
                              name: t
                              columns: [{name: id, type: int, generated: {expression: "1", identity: {}}}]
                        """,
                        "02_x.yaml: operations[0].create_table.columns[0].generated: give either \"expression\" "
                                + "(a generated column) or \"identity\" (an identity column)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongFiles")
    void aWrongFileGivesOneLineNamingFileAndPath(String why, String yaml, String expected) {
        assertThatThrownBy(() -> MigrationFile.parse(yaml, "02_x.yaml", Format.YAML))
                .isInstanceOf(MigrationFileException.class)
                .hasMessage(expected);
    }

    @Test
    void malformedYamlGivesLineColumnAndTheParsersReason() {
        String yaml = "operations:\n  - drop_table:\n      name: t\n    oops: [unclosed\n";

        assertThatThrownBy(() -> MigrationFile.parse(yaml, "02_x.yaml", Format.YAML))
                .isInstanceOf(MigrationFileException.class)
                .hasMessage("02_x.yaml:5:1: malformed YAML: expected ',' or ']', but got <stream end> "
                        + "(while parsing a flow sequence)");
    }

    @Test
    void malformedJsonGivesLineColumnAndTheParsersReason() {
        String json = "{\n  \"operations\": [\n    {\"drop_table\": {\"name\": \"t\"}},\n  ]\n}";

        assertThatThrownBy(() -> MigrationFile.parse(json, "02_x.json", Format.JSON))
                .isInstanceOfSatisfying(MigrationFileException.class, e -> {
                    assertThat(e.getMessage()).startsWith("02_x.json:4:3: malformed JSON: Unexpected character (']'");
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    @Test
    void aKeyGivenTwiceIsRejected() {
        String yaml = "operations:\n  - drop_table:\n      name: a\n      name: b\n";

        assertThatThrownBy(() -> MigrationFile.parse(yaml, "02_x.yaml", Format.YAML))
                .hasMessageStartingWith("02_x.yaml:4:")
                .hasMessageContaining("Duplicate field 'name'");
    }
}
