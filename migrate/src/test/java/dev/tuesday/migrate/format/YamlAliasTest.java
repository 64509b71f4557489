package dev.tuesday.migrate.format;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.MigrationFile.Format;
import dev.tuesday.migrate.MigrationFileException;
import org.junit.jupiter.api.Test;

/**
 * YAML anchors and aliases are refused, naming the field: the tree would hold an alias's name as
 * a string, so {@code up: *expr} would run the SQL {@code expr}.
 */
class YamlAliasTest {

    @Test
    void anAliasIsRefusedNamingItsField() {
        assertThatThrownBy(() -> MigrationFile.parse("""
                operations:
                  - add_column: {table: users, up: &fill "'x'", column: {name: a, type: text}}
                  - add_column: {table: users, up: *fill, column: {name: b, type: text}}
                """, "02_x.yaml", Format.YAML))
                .isInstanceOf(MigrationFileException.class)
                .hasMessage("02_x.yaml: operations[1].add_column.up: is the YAML alias *fill (line 3);"
                        + " anchors and aliases are not supported: write the value out");
    }

    @Test
    void aMergeKeyIsRefusedToo() {
        assertThatThrownBy(() -> MigrationFile.parse("""
                operations:
                  - add_column: &col {table: users, column: {name: a, type: text}}
                  - add_column:
                      <<: *col
                      column: {name: b, type: text}
                """, "02_x.yaml", Format.YAML))
                .isInstanceOf(MigrationFileException.class)
                .hasMessageStartingWith("02_x.yaml: operations[0].add_column: has the YAML anchor &col");
    }
}
