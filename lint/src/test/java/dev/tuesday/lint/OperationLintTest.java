package dev.tuesday.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tuesday operation files: the SQL they carry and the column types they choose are linted. */
class OperationLintTest {

    @TempDir
    Path dir;

    private LintReport lint(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return Linter.configure().measure(false).build().lint(List.of(file));
    }

    @Test
    void aRenameColumnOperationIsSafe() throws Exception {
        LintReport report = lint("02_full_name.yaml", """
                operations:
                  - rename_column:
                      table: users
                      from: name
                      to: full_name
                """);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void rawSqlInAnOperationFileIsLintedAtItsLine() throws Exception {
        LintReport report = lint("03_raw.yaml", """
                operations:
                  - sql:
                      up: ALTER TABLE users RENAME COLUMN email TO mail
                      down: ALTER TABLE users RENAME COLUMN mail TO email
                """);
        assertThat(report.of("renaming-column")).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.fix()).contains("rename_column");
        });
    }

    @Test
    void columnTypesOfCreateTableAreLinted() throws Exception {
        LintReport report = lint("04_events.json", """
                {"operations": [{"create_table": {"name": "events", "columns": [
                  {"name": "id", "type": "bigint", "pk": true},
                  {"name": "payload", "type": "json", "nullable": true},
                  {"name": "happened_at", "type": "timestamp", "nullable": true}
                ]}}]}
                """);
        assertThat(report.findings()).extracting(Finding::rule).containsExactlyInAnyOrder("prefer-jsonb", "prefer-timestamptz");
        assertThat(report.of("prefer-jsonb").get(0).line()).isEqualTo(3);
    }

    @Test
    void aMalformedOperationFileIsAParseErrorNotAStackTrace() throws Exception {
        LintReport report = lint("05_bad.yaml", "operations:\n  - rename_colum:\n      table: users\n");
        assertThat(report.of("syntax-error")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("05_bad.yaml").contains("rename_colum"));
    }
}
