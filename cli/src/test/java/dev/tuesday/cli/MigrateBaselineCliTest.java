package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuesday migrate baseline NAME DIR} with the real pg_dump: the schema's DDL in a file, recorded as applied. */
class MigrateBaselineCliTest {

    /** The oldest supported server: Debian's pg_dump (15) can dump it. */
    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres(13);

    @TempDir
    Path dir;

    @Test
    void aGrownDatabaseIsAdoptedAndAnEmptyOneIsBuiltFromTheBaseline() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pg_dump")) || Files.isDirectory(Path.of("/usr/lib/postgresql")),
                "pg_dump (Debian's postgresql-client) is not installed");
        TestDatabase grown = postgres.freshDatabase("grown", "app");
        grown.execute("CREATE TABLE public.users (id bigint PRIMARY KEY, name text CHECK (name <> ''))",
                "CREATE INDEX users_name ON public.users (name)", "INSERT INTO public.users VALUES (1, 'Ada')");

        var baseline = MigrateCliTest.tuesday("migrate", "baseline", "01_baseline", dir.toString(), "--url-file", urlFile(grown));

        assertThat(baseline.exit()).as(baseline.err()).isZero();
        assertThat(baseline.out()).contains("01_baseline is recorded as applied to schema \"public\" (version schema public_01_baseline), not run");
        String file = Files.readString(dir.resolve("01_baseline.yaml"));
        assertThat(file).contains("CREATE TABLE public.users").contains("CREATE INDEX users_name")
                .doesNotContain("SET ").doesNotContain("set_config").doesNotContain("\\restrict");

        TestDatabase empty = postgres.freshDatabase("empty", "app");
        var built = MigrateCliTest.tuesday("migrate", "migrate", dir.toString(), "--complete", "--url-file", urlFile(empty));
        assertThat(built.exit()).as(built.err()).isZero();
        assertThat(value(empty, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_name'")).isEqualTo("1");
        assertThat(value(empty, "SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid = 'public.users'::regclass"))
                .isEqualTo("1");
        var again = MigrateCliTest.tuesday("migrate", "migrate", dir.toString(), "--url-file", urlFile(grown));
        assertThat(again.out()).contains("nothing to apply");
    }

    private static String value(TestDatabase db, String sql) throws Exception {
        try (var c = db.dataSource().getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String urlFile(TestDatabase db) throws Exception {
        Path file = Files.createTempFile(db.name(), ".url", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, db.jdbcUrlWithPassword() + "\n");
        return file.toString();
    }
}
