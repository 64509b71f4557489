package dev.tuesday.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;

/** Names with quotes, spaces, upper case and reserved words go through reading and validation exactly. */
class WeirdIdentifierValidationTest {

    static Schema validate(TestDatabases.Database db, String json) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return MigrationValidator.validate(MigrationFile.parse(json, "03_weird.json", MigrationFile.Format.JSON),
                    SchemaReader.read(c, "public"), c);
        }
    }

    @OnOldestAndNewestPostgres
    void weirdNamesAreFoundUsedInSqlAndRenamedExactly(int major) throws SQLException {
        TestDatabases.Database db = TestDatabases.fresh(major);
        db.exec("CREATE TABLE \"User Table\" (\"Id\" bigint PRIMARY KEY, \"select\" text, \"we\"\"ird\" text)");

        Schema after = validate(db, """
                {"operations": [
                  {"rename_column": {"table": "User Table", "from": "we\\"ird", "to": "Full \\"Name\\""}},
                  {"alter_column": {"table": "User Table", "column": "Full \\"Name\\"", "nullable": false,
                                    "up": "coalesce(\\"we\\"\\"ird\\", \\"select\\", '')",
                                    "down": "\\"Full \\"\\"Name\\"\\"\\""}},
                  {"add_column": {"table": "User Table", "up": "upper(\\"User Table\\".\\"select\\")",
                                  "column": {"name": "order", "type": "text", "nullable": true,
                                             "check": {"name": "order check", "constraint": "\\"order\\" <> ''"}}}},
                  {"create_index": {"name": "idx \\"x\\"", "table": "User Table", "columns": ["order", "Id"]}},
                  {"rename_table": {"from": "User Table", "to": "Order"}}
                ]}
                """);

        Table table = after.table("Order").orElseThrow();
        assertThat(table.columns()).extracting(TableColumn::name)
                .containsExactly("Id", "select", "Full \"Name\"", "order");
        assertThat(table.column("Full \"Name\"").orElseThrow().nullable()).isFalse();
        assertThat(table.index("idx \"x\"").orElseThrow().columns()).containsExactly("order", "Id");
        assertThat(table.constraint("order check")).isPresent();
    }

    @OnOldestAndNewestPostgres
    void namesDifferingOnlyByCaseAreDifferentNames(int major) {
        TestDatabases.Database db = TestDatabases.fresh(major);
        db.exec("CREATE TABLE \"User Table\" (\"Id\" bigint PRIMARY KEY, \"select\" text)");

        assertThatThrownBy(() -> validate(db, """
                {"operations": [{"drop_column": {"table": "User Table", "column": "Select"}}]}
                """)).hasMessage("03_weird.json: operations[0].drop_column: column \"Select\" does not exist in table "
                        + "\"User Table\"");
        assertThatThrownBy(() -> validate(db, """
                {"operations": [{"add_column": {"table": "User Table", "up": "\\"Select\\"",
                                 "column": {"name": "x", "type": "text"}}}]}
                """)).hasMessage("03_weird.json: operations[0].add_column: up is not valid SQL: column \"Select\" does "
                        + "not exist (in: \"Select\")");
    }
}
