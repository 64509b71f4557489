package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.MigrationFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuesday migrate create}: the next numbered file, a skeleton the reader takes once filled, no overwrite. */
class MigrateCreateTest {

    @TempDir
    Path dir;

    @Test
    void writesTheNextNumberedSkeletonThatTheReaderAcceptsOnceFilled() throws Exception {
        Files.writeString(dir.resolve("01_create_users.yaml"), "operations: []\n");
        Files.writeString(dir.resolve("02_full_name.yaml"), "operations: []\n");

        var created = TuesdayCommandTest.run("migrate", "create", "add_email", "--dir", dir.toString());

        assertThat(created.exit()).isZero();
        Path file = dir.resolve("03_add_email.yaml");
        assertThat(created.out().strip()).isEqualTo(file.toString());
        String skeleton = Files.readString(file);
        Assertions.assertThatThrownBy(() -> MigrationFile.read(file)).isInstanceOf(MigrationFileException.class)
                .hasMessageContaining("TODO");
        Files.writeString(file, skeleton.replace("  - TODO: {}",
                "  - add_column: {table: users, column: {name: email, type: text, nullable: true}}"));
        assertThat(MigrationFile.read(file).name()).isEqualTo("03_add_email");
        assertThat(MigrationFile.read(file).operations()).hasSize(1);
    }

    @Test
    void startsAtOneInAnEmptyOrMissingFolder() {
        Path migrations = dir.resolve("migrations");
        var created = TuesdayCommandTest.run("migrate", "create", "create_users", "--dir", migrations.toString());
        assertThat(created.exit()).isZero();
        assertThat(migrations.resolve("01_create_users.yaml")).exists();
    }

    @Test
    void refusesANameThatIsNotASafeFileNameAndNeverOverwrites() throws Exception {
        for (String bad : new String[] {"../escape", "a b", "", "1st", "x".repeat(41), "name.yaml"}) {
            var refused = TuesdayCommandTest.run("migrate", "create", bad, "--dir", dir.toString());
            assertThat(refused.exit()).as(bad).isEqualTo(2);
            assertThat(refused.err()).as(bad).contains("not a safe migration name");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        Path taken = dir.resolve("01_a.yaml");
        Files.writeString(taken, "operations: []\n");
        var again = TuesdayCommandTest.run("migrate", "create", "a", "--dir", dir.toString());
        assertThat(again.exit()).isZero();
        assertThat(dir.resolve("02_a.yaml")).exists();
        assertThat(Files.readString(taken)).isEqualTo("operations: []\n");
    }
}
