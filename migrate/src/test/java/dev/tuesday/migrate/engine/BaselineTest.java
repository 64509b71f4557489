package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.FolderRun;
import dev.tuesday.migrate.MigrationStateException;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baseline}: a database that grew without Tuesday is adopted as it is — recorded as applied,
 * its DDL kept in a file that builds the same schema on an empty database — and {@code migrate DIR}
 * then applies only what comes after it.
 */
class BaselineTest {

    private static final String DDL = """
            CREATE TABLE public.users (id bigint PRIMARY KEY, name text);
            CREATE INDEX users_name ON public.users (name);
            """;

    @TempDir
    Path dir;

    @OnOldestAndNewestPostgres
    void anAdoptedDatabaseRunsOnlyWhatComesAfterItsBaselineAndAnEmptyOneIsBuiltFromTheFile(int pg) throws Exception {
        Database grown = TestDatabases.fresh(pg);
        grown.exec(DDL, "INSERT INTO public.users VALUES (1, 'Ada')");
        Migrator m = Migrator.configure().dataSource(grown.dataSource()).build();

        Path file = m.baseline("01_baseline", dir, DDL);

        assertThat(file).isEqualTo(dir.resolve("01_baseline.yaml"));
        assertThat(Files.readString(file)).contains("CREATE INDEX users_name ON public.users (name);");
        assertThat(m.status().history()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("01_baseline");
            assertThat(e.status()).isEqualTo("complete");
        });
        assertThat(m.latestVersionSchema()).contains("public_01_baseline");
        assertThat(grown.value("SELECT name FROM public_01_baseline.users")).isEqualTo("Ada");
        assertThat(m.baseline("01_baseline", dir, DDL)).as("run again: nothing left to do").isEqualTo(file);

        Files.writeString(dir.resolve("02_full_name.yaml"), """
                operations:
                  - rename_column: {table: users, from: name, to: full_name}
                """);
        assertThat(m.migrate(dir, FolderRun.COMPLETE_ALL)).containsExactly("02_full_name");
        assertThat(grown.value("SELECT full_name FROM public_02_full_name.users")).isEqualTo("Ada");

        Database empty = TestDatabases.fresh(pg);
        Migrator fresh = Migrator.configure().dataSource(empty.dataSource()).build();
        assertThat(fresh.migrate(dir, FolderRun.COMPLETE_ALL)).containsExactly("01_baseline", "02_full_name");
        assertThat(empty.columns("public", "users")).containsExactly("id", "full_name");
        assertThat(empty.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_name'")).isEqualTo("1");
    }

    /** Killed after writing its file and before recording it: run again, it keeps the file (the same text) and records it. */
    @OnOldestAndNewestPostgres
    void aBaselineKilledAfterWritingItsFileFinishesWhenRunAgain(int pg) throws Exception {
        Database first = TestDatabases.fresh(pg);
        first.exec(DDL);
        Migrator.configure().dataSource(first.dataSource()).build().baseline("01_baseline", dir, DDL);
        byte[] written = Files.readAllBytes(dir.resolve("01_baseline.yaml"));
        // Another database in the state the kill leaves: the file is there, nothing is recorded.
        Database killed = TestDatabases.fresh(pg);
        killed.exec(DDL);
        Migrator m = Migrator.configure().dataSource(killed.dataSource()).build();

        m.baseline("01_baseline", dir, DDL);

        assertThat(Files.readAllBytes(dir.resolve("01_baseline.yaml"))).isEqualTo(written);
        assertThat(m.status().history()).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo("complete"));
        assertThat(m.migrate(dir, FolderRun.COMPLETE_ALL)).as("the file is the recorded one").isEmpty();
    }

    @OnOldestAndNewestPostgres
    void aSchemaWithATuesdayHistoryOrAnotherFileOfThatNameIsRefusedBeforeAnyChange(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        Files.writeString(dir.resolve("01_baseline.yaml"), "operations: []\n");
        db.exec(DDL);
        assertThatThrownBy(() -> m.baseline("01_baseline", dir, DDL)).hasMessageContaining("exists and is not this baseline");
        assertThat(m.status().history()).isEmpty();

        m.start(Migrations.addTextColumn("02_nick", "nick", "name"), true);
        assertThatThrownBy(() -> m.baseline("00_baseline", dir, DDL)).isInstanceOf(MigrationStateException.class)
                .hasMessageContaining("already has a Tuesday history (02_nick is complete)");
        assertThat(dir.resolve("00_baseline.yaml")).doesNotExist();
        assertThatThrownBy(() -> m.baseline("../x", dir, DDL)).isInstanceOf(IllegalArgumentException.class);
    }
}
