package dev.tuesday.migrate.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.MigrationFile.Format;
import dev.tuesday.migrate.MigrationFileException;
import dev.tuesday.migrate.op.AddColumn;
import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.CreateIndex;
import dev.tuesday.migrate.op.CreateTable;
import dev.tuesday.migrate.op.ForeignKeyReference;
import dev.tuesday.migrate.op.Generated;
import dev.tuesday.migrate.op.IndexField;
import dev.tuesday.migrate.op.RawSql;
import dev.tuesday.migrate.op.SetReplicaIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDefaultsTest {

    @Test
    void leftOutFieldsTakeTheFormatsDefaults() {
        Migration m = MigrationFile.parse("""
                operations:
                  - add_column:
                      table: users
                      column:
                        name: team_id
                        type: bigint
                        references: {name: users_team_fk, table: teams, column: id}
                  - create_index: {name: users_team_idx, table: users, columns: [{column: team_id, sort: ""}]}
                  - create_table:
                      name: t
                      columns: [{name: id, type: int, generated: {identity: {}}}]
                  - set_replica_identity: {table: users, identity: {type: FULL}}
                  - sql: {up: SELECT 1}
                """, "03_teams.yaml", Format.YAML);

        AddColumn add = (AddColumn) m.operations().get(0);
        assertThat(add.column()).isEqualTo(new Column("team_id", "bigint", false, false, false, null, null,
                new ForeignKeyReference("users_team_fk", "teams", "id", "SIMPLE", "NO ACTION", "NO ACTION", false, false),
                null, null));
        assertThat(add.up()).isNull();
        CreateIndex index = (CreateIndex) m.operations().get(1);
        assertThat(index.method()).isEqualTo("btree");
        assertThat(index.columns()).containsExactly(new IndexField("team_id", null, null, null, null));
        assertThat(index.unique()).isFalse();
        assertThat(((CreateTable) m.operations().get(2)).columns().get(0).generated())
                .isEqualTo(new Generated(null, new Generated.Identity("ALWAYS", null)));
        assertThat(m.operations().get(3)).isEqualTo(new SetReplicaIdentity("users", "full", null));
        assertThat(m.operations().get(4)).isEqualTo(new RawSql("SELECT 1", null, false));
    }

    @Test
    void indexColumnsMayAlsoBeNamesOrAnObjectKeyedByColumnAsPgrollWritesThem() {
        Migration m = MigrationFile.parse("""
                {"$schema": "https://example.com/pgroll/schema.json",
                 "operations": [
                   {"create_index": {"name": "a", "table": "t", "columns": ["x", "y"]}},
                   {"create_index": {"name": "b", "table": "t", "columns": {"x": {}, "y": {"sort": "DESC"}}}},
                   {"create_index": {"name": "c", "table": "t", "columns": [{"column": "x"}, {"column": "y", "sort": "DESC"}]}}
                 ]}
                """, "04_idx.json", Format.JSON);

        IndexField x = new IndexField("x", null, null, null, null);
        assertThat(((CreateIndex) m.operations().get(0)).columns())
                .containsExactly(x, new IndexField("y", null, null, null, null));
        assertThat(((CreateIndex) m.operations().get(1)).columns())
                .containsExactly(x, new IndexField("y", null, "DESC", null, null));
        assertThat(((CreateIndex) m.operations().get(2)).columns())
                .isEqualTo(((CreateIndex) m.operations().get(1)).columns());
        assertThatThrownBy(() -> MigrationFile.parse(
                "operations: [{create_index: {name: d, table: t, columns: {x: {sort: desc}}}}]", "05.yaml", Format.YAML))
                .hasMessage("05.yaml: operations[0].create_index.columns.x.sort: \"desc\" is not one of ASC, DESC "
                        + "(did you mean \"DESC\"?)");
    }

    @Test
    void nameIsTheFileNameWithoutExtensionUnlessTheFileGivesOne() {
        String text = "{\"operations\": [{\"drop_table\": {\"name\": \"t\"}}]}";

        assertThat(MigrationFile.parse(text, "07_drop.json", Format.JSON).name()).isEqualTo("07_drop");
        assertThat(MigrationFile.parse(text.replace("{\"operations\"", "{\"name\": \"custom\", \"operations\""),
                "07_drop.json", Format.JSON).name()).isEqualTo("custom");
    }

    @Test
    void checksumIsTheSha256OfTheFilesBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("01_a.yml");
        String text = "operations:\n  - drop_table: {name: t}\n";
        Files.writeString(file, text);

        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(MigrationFile.read(file).checksum()).isEqualTo(expected).hasSize(64);
    }

    @Test
    void readsAFolderInFileNameOrderIgnoringOtherFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("10_c.yaml"), "operations: [{drop_table: {name: c}}]");
        Files.writeString(dir.resolve("02_b.json"), "{\"operations\": [{\"drop_table\": {\"name\": \"b\"}}]}");
        Files.writeString(dir.resolve("01_a.yml"), "operations: [{drop_table: {name: a}}]");
        Files.writeString(dir.resolve("README.md"), "not a migration");

        List<Migration> all = MigrationFile.readAll(dir);

        assertThat(all).extracting(Migration::name).containsExactly("01_a", "02_b", "10_c");
    }

    @Test
    void twoFilesGivingTheSameNameAreRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("01_a.yaml"), "operations: [{drop_table: {name: a}}]");
        Files.writeString(dir.resolve("02_b.yaml"), "name: 01_a\noperations: [{drop_table: {name: b}}]");

        assertThatThrownBy(() -> MigrationFile.readAll(dir)).isInstanceOf(MigrationFileException.class)
                .hasMessage("02_b.yaml: migration name \"01_a\" is already used by 01_a.yaml");
    }

    @Test
    void aFileWithAnotherExtensionOrMissingIsAOneLineError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("01_a.sql"), "ALTER TABLE t ADD c int");

        assertThatThrownBy(() -> MigrationFile.read(dir.resolve("01_a.sql")))
                .hasMessage("01_a.sql: not a migration file: expected a .yaml, .yml or .json extension");
        assertThatThrownBy(() -> MigrationFile.read(dir.resolve("02_missing.yaml")))
                .isInstanceOf(MigrationFileException.class).hasMessageStartingWith("02_missing.yaml: cannot read ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
