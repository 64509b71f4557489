package dev.tuesday.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Locks and rewrites in findings come from replaying the migration on a scratch PostgreSQL, and the
 * running example's statements get the findings the issue asks for.
 */
class MeasuredFactsTest {

    private static final String USERS = """
            CREATE TABLE users (id integer PRIMARY KEY, name varchar(10), email text);
            INSERT INTO users SELECT g, 'user ' || g, 'u' || g || '@example.com' FROM generate_series(1, 5000) g;
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer NOT NULL);
            """;

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    private static LintReport lint(String sql) {
        return Linter.configure().server(postgres.server()).startingSchema(StartingSchema.ofSql(USERS)).build().lintText("V2__change.sql", sql);
    }

    @Test
    void theRunningExamplesRenameIsBreakingWithRenameColumnAsTheFix() {
        LintReport report = lint("ALTER TABLE users RENAME COLUMN name TO full_name;");

        Finding f = report.of("renaming-column").get(0);
        assertThat(f.severity()).isEqualTo(Severity.BREAKING);
        assertThat(f.fix()).contains("rename_column");
        assertThat(f.location()).isEqualTo("V2__change.sql:1");
        assertThat(f.measurement().locks()).containsExactly(new TableLock("public.users", "ACCESS EXCLUSIVE"));
        assertThat(f.measurement().rewrite()).isFalse();
        assertThat(report.failed()).isTrue();
    }

    @Test
    void addingTheNullableFullNameColumnPasses() {
        LintReport bare = lint("ALTER TABLE users ADD COLUMN full_name text;");
        assertThat(bare.findings()).allMatch(f -> f.severity() == Severity.ADVICE)
                .extracting(Finding::rule).containsOnly("missing-lock-timeout", "missing-statement-timeout");
        assertThat(bare.failed()).isFalse();

        LintReport withTimeouts = lint("SET lock_timeout = '2s';\nSET statement_timeout = '1min';\n"
                + "ALTER TABLE users ADD COLUMN full_name text;");
        assertThat(withTimeouts.findings()).isEmpty();
    }

    @Test
    void setNotNullOnABigTableIsReportedWithTheCheckNotValidRoute() {
        LintReport report = lint("ALTER TABLE users ALTER COLUMN email SET NOT NULL;");

        Finding f = report.of("setting-not-null").get(0);
        assertThat(f.severity()).isEqualTo(Severity.LOCKING);
        assertThat(f.fix()).contains("alter_column").contains("nullable: false").contains("NOT VALID")
                .contains("VALIDATE");
        assertThat(f.measurement().locks()).containsExactly(new TableLock("public.users", "ACCESS EXCLUSIVE"));
    }

    @Test
    void intToBigintIsMeasuredAsARewrite() {
        Finding f = lint("ALTER TABLE users ALTER COLUMN id TYPE bigint;").of("changing-column-type").get(0);

        assertThat(f.measurement().rewrite()).isTrue();
        assertThat(f.measurement().rewritten()).containsExactly("public.users");
        assertThat(f.measurement().strongest()).contains(new TableLock("public.users", "ACCESS EXCLUSIVE"));
        assertThat(f.message()).contains("integer to bigint").contains("measured");
    }

    @Test
    void varchar10ToVarchar20IsMeasuredAsNoRewriteAndIsNotReportedAsATypeChange() {
        LintReport report = lint("ALTER TABLE users ALTER COLUMN name TYPE varchar(20);");

        assertThat(report.of("changing-column-type")).isEmpty();
        assertThat(report.of("narrowing-column-type")).isEmpty();
        Finding advice = report.of("prefer-text-field").get(0);
        assertThat(advice.measurement().rewrite()).isFalse();
        assertThat(advice.measurement().locks()).containsExactly(new TableLock("public.users", "ACCESS EXCLUSIVE"));
    }

    @Test
    void createIndexIsMeasuredHoldingShareOnTheTable() {
        Finding f = lint("CREATE INDEX users_email_idx ON users (email);").of("require-concurrent-index-creation").get(0);

        assertThat(f.measurement().locks()).containsExactly(new TableLock("public.users", "SHARE"));
        assertThat(f.measurement().rewrite()).isFalse();
    }

    @Test
    void aForeignKeyIsMeasuredLockingBothTables() {
        Finding f = lint("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);")
                .of("adding-foreign-key-constraint").get(0);

        assertThat(f.measurement().locks()).contains(new TableLock("public.orders", "SHARE ROW EXCLUSIVE"),
                new TableLock("public.users", "SHARE ROW EXCLUSIVE"));
    }

    @Test
    void aConcurrentIndexRunsOutsideATransactionAndSaysItsLocksWereNotMeasured() {
        Finding f = lint("CREATE INDEX CONCURRENTLY users_email_idx ON users (email);").of("prefer-robust-stmts").get(0);

        assertThat(f.measurement().measured()).isFalse();
        assertThat(f.measurement().notMeasured()).contains("outside a transaction");
    }

    @Test
    void aStatementThatFailsOnTheKnownSchemaIsReportedAsBreaking() {
        LintReport report = lint("ALTER TABLE invoices ADD COLUMN paid_at timestamptz;");

        assertThat(report.of("migration-fails")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BREAKING);
            assertThat(f.message()).contains("relation \"invoices\" does not exist");
        });
    }

    @Test
    void aStatementOnATableOfAnUnknownSchemaIsOnlyReportedAsNotMeasured() {
        LintReport report = Linter.configure().server(postgres.server()).build().lintText("V7__x.sql",
                "ALTER TABLE invoices ADD COLUMN paid_at timestamptz;");

        assertThat(report.of("migration-fails")).isEmpty();
        assertThat(report.of("replay-failed")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ADVICE));
    }

    @Test
    void laterStatementsSeeWhatEarlierOnesDid() {
        LintReport report = lint("""
                ALTER TABLE users ADD COLUMN full_name text;
                ALTER TABLE users ALTER COLUMN full_name TYPE varchar(5);
                """);

        assertThat(report.of("replay-failed")).isEmpty();
        assertThat(report.of("narrowing-column-type")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("text to character varying(5)"));
    }

    @Test
    void aSyntaxErrorTheServerFindsIsReportedAtItsLine() {
        LintReport report = lint("ALTER TABLE users\n  ADD COLUMN full_name text text;");

        assertThat(report.of("syntax-error")).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("V2__change.sql:2");
            assertThat(f.message()).contains("syntax error");
        });
    }

    @Test
    void theStartingSchemaCanBeCopiedFromALiveDatabaseByUrl() throws Exception {
        TestDatabase live = postgres.freshDatabase("live", "app");
        live.execute("CREATE TYPE status AS ENUM ('new', 'paid')",
                "CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "name varchar(10) NOT NULL, status status NOT NULL DEFAULT 'new', created_at timestamptz DEFAULT now())",
                "CREATE TABLE purchases (id bigserial PRIMARY KEY, customer_id bigint REFERENCES customers (id))",
                "CREATE INDEX purchases_customer_idx ON purchases (customer_id)",
                "CREATE VIEW big_customers AS SELECT id, name FROM customers WHERE status = 'paid'",
                "CREATE TABLE ledger (id bigint, at date, amount int CONSTRAINT ledger_amount_positive"
                        + " CHECK (amount > 0), PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
                "CREATE TABLE ledger_2026 PARTITION OF ledger FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        String url = live.jdbcUrlWithPassword();
        LintReport report = Linter.configure().server(postgres.server()).startingSchema(new StartingSchema(url, null, null)).build().lintText("V9__x.sql",
                "ALTER TABLE customers ALTER COLUMN name TYPE varchar(5);\nALTER TABLE purchases ALTER COLUMN customer_id TYPE integer;");

        // The copied view really is there: PostgreSQL refuses to retype a column it uses.
        assertThat(report.of("migration-fails")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("used by a view"));
        assertThat(report.of("narrowing-column-type")).hasSize(1);
        assertThat(report.of("changing-column-type")).extracting(f -> f.measurement().rewritten())
                .contains(List.of("public.purchases"));

        // A partitioned table is copied with its constraints: adding one of the same name fails.
        LintReport again = Linter.configure().server(postgres.server()).startingSchema(new StartingSchema(url, null, null)).build().lintText("V9__x.sql",
                "ALTER TABLE ledger ADD CONSTRAINT ledger_amount_positive CHECK (amount > 0);");
        assertThat(again.of("migration-fails")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("already exists"));
    }

    @Test
    void operationFilesInAFolderAreAppliedSoLaterSqlIsMeasuredOnTheirTables() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("lint-ops");
        java.nio.file.Files.copy(java.nio.file.Path.of(getClass().getResource("/ops/01_users.yaml").toURI()),
                dir.resolve("01_users.yaml"));
        java.nio.file.Files.writeString(dir.resolve("02_index.sql"), "CREATE INDEX users_name_idx ON users (name);");
        LintReport report = Linter.configure().server(postgres.server()).build().lint(List.of(dir));

        assertThat(report.files()).hasSize(2);
        assertThat(report.of("require-concurrent-index-creation")).singleElement()
                .satisfies(f -> assertThat(f.measurement().locks()).containsExactly(new TableLock("public.users", "SHARE")));
    }

    @Test
    void theTargetVersionOfTheConfigurationPicksTheScratchServer() {
        String sql = "ALTER TABLE users ALTER COLUMN name SET COMPRESSION pglz;";
        LintConfig pg13 = LintConfig.defaults().targeting(13);
        LintReport on13 = Linter.configure().config(pg13).startingSchema(StartingSchema.ofSql(USERS)).build().lintText("V3__x.sql", sql);
        LintReport on18 = lint(sql);

        // SET COMPRESSION arrived in PostgreSQL 14: the 13 server rejects what 18 accepts.
        assertThat(on13.of("syntax-error")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("COMPRESSION"));
        assertThat(on18.of("syntax-error")).isEmpty();
    }

    @Test
    void aSingleFileIsLintedOnTheSchemaOfTheMigrationsBeforeItInItsFolder() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("lint-folder");
        java.nio.file.Files.writeString(dir.resolve("V1__users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text);");
        java.nio.file.Files.writeString(dir.resolve("V2__rename.sql"), "ALTER TABLE users RENAME COLUMN name TO full_name;");
        LintReport report = Linter.configure().server(postgres.server()).build().lint(List.of(dir.resolve("V2__rename.sql")));

        assertThat(report.files()).hasSize(1);
        assertThat(report.of("replay-failed")).isEmpty();
        assertThat(report.of("renaming-column").get(0).measurement().locks())
                .containsExactly(new TableLock("public.users", "ACCESS EXCLUSIVE"));
    }
}
