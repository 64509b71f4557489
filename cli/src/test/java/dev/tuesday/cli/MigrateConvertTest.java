package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.op.RenameColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuesday migrate convert}: where the migration goes, what is reported, and the exit codes. */
class MigrateConvertTest {

    @TempDir
    Path dir;

    @Test
    void aFullyConvertibleFileGoesToStandardOutputWithExitZero() throws Exception {
        Path file = Files.writeString(dir.resolve("rename.sql"), "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
        var r = TuesdayCommandTest.run("migrate", "convert", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        Migration read = MigrationFile.parse(r.out(), "02_full_name.yaml", MigrationFile.Format.YAML);
        assertThat(read.operations()).containsExactly(new RenameColumn("users", "name", "full_name"));
    }

    @Test
    void todosAndStatementsNotConvertedAreNamedOnStandardErrorAndExitOne() throws Exception {
        Path file = Files.writeString(dir.resolve("change.sql"),
                "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nUPDATE users SET a = 1;\n");
        var r = TuesdayCommandTest.run("migrate", "convert", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly("TODO operations[0].alter_column.up",
                file + ":2: not converted: UPDATE users SET a = 1: UPDATE changes rows in one transaction; data for a"
                        + " new shape belongs in an up expression, which Tuesday backfills in batches");
        assertThat(MigrationFile.parse(r.out(), "x.yaml", MigrationFile.Format.YAML).operations()).hasSize(1);
    }

    @Test
    void nothingIsWrittenWhenNoStatementConverts() throws Exception {
        Path migrations = Files.createDirectory(dir.resolve("migrations"));
        Path data = Files.writeString(dir.resolve("data.sql"), "BEGIN;\nDELETE FROM users;\nCOMMIT;\n");
        var r = TuesdayCommandTest.run("migrate", "convert", data.toString(), "--dir", migrations.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(data + ":2: not converted: DELETE FROM users");
        try (var files = Files.list(migrations)) {
            assertThat(files).isEmpty();
        }
        Path empty = Files.writeString(dir.resolve("empty.sql"), "-- nothing yet\nSET lock_timeout = '1s';\n");
        var none = TuesdayCommandTest.run("migrate", "convert", empty.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no schema change to convert");
    }

    @Test
    void intoAFolderTheFileTakesTheNextNumberAndTheSqlFilesName() throws Exception {
        Path migrations = Files.createDirectory(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("01_create_users.yaml"), "operations: []\n");
        Path file = Files.writeString(dir.resolve("V2__full_name.sql"),
                "ALTER TABLE users RENAME COLUMN name TO full_name;\n");

        var r = TuesdayCommandTest.run("migrate", "convert", file.toString(), "--dir", migrations.toString());

        assertThat(r.exit()).isZero();
        Path written = migrations.resolve("02_full_name.yaml");
        assertThat(r.out().strip()).isEqualTo(written.toString());
        assertThat(MigrationFile.read(written).operations()).containsExactly(new RenameColumn("users", "name", "full_name"));
        var named = TuesdayCommandTest.run("migrate", "convert", file.toString(), "--dir", migrations.toString(),
                "--name", "rename_again");
        assertThat(named.exit()).isZero();
        assertThat(migrations.resolve("03_rename_again.yaml")).exists();
    }

    @Test
    void outputFileIsNeverOverwrittenAndItsExtensionPicksJson() throws Exception {
        Path file = Files.writeString(dir.resolve("rename.sql"), "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
        Path json = dir.resolve("02_full_name.json");
        assertThat(TuesdayCommandTest.run("migrate", "convert", file.toString(), "--output", json.toString()).exit()).isZero();
        assertThat(MigrationFile.read(json).operations()).containsExactly(new RenameColumn("users", "name", "full_name"));
        String before = Files.readString(json);

        var again = TuesdayCommandTest.run("migrate", "convert", file.toString(), "--output", json.toString());

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
        assertThat(Files.readString(json)).isEqualTo(before);
    }

    @Test
    void badInputExitsTwo() throws Exception {
        var missing = TuesdayCommandTest.run("migrate", "convert", dir.resolve("nope.sql").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read");
        Path open = Files.writeString(dir.resolve("open.sql"), "SELECT 1;\nSELECT 'never closed");
        var unreadable = TuesdayCommandTest.run("migrate", "convert", open.toString());
        assertThat(unreadable.exit()).isEqualTo(2);
        assertThat(unreadable.err()).contains("open.sql:2:");
        var both = TuesdayCommandTest.run("migrate", "convert", open.toString(), "--output", "a.yaml", "--dir", "d");
        assertThat(both.exit()).isEqualTo(2);
        var nameAlone = TuesdayCommandTest.run("migrate", "convert", open.toString(), "--name", "x");
        assertThat(nameAlone.exit()).isEqualTo(2);
    }
}
