package dev.tuesday.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.lint.sql.SqlScript;
import dev.tuesday.lint.sql.Statement;
import dev.tuesday.migrate.sql.SqlSyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting SQL into statements: quotes, comments, function bodies, transactions, Liquibase, Flyway order. */
class SqlScriptTest {

    private static List<Statement> split(String sql) {
        return SqlScript.parse("f.sql", sql, false).statements();
    }

    @Test
    void semicolonsInsideDollarQuotesStringsAndCommentsDoNotSplit() {
        List<Statement> s = split("""
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN NEW.a := 'x;y'; RETURN NEW; END; $fn$;
                SELECT 'a;b', "semi;colon" FROM t; -- trailing; comment
                /* block; /* nested; */ still; */ SELECT $$;$$;
                """);
        assertThat(s).extracting(Statement::line).containsExactly(1, 3, 4);
        assertThat(s.get(2).text()).isEqualTo("SELECT $$;$$");
    }

    @Test
    void beginAtomicBodiesStayWhole() {
        List<Statement> s = split("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; "
                + "SELECT 2; END;\nSELECT 3;");
        assertThat(s).hasSize(2);
        assertThat(s.get(1).text()).isEqualTo("SELECT 3");
    }

    @Test
    void statementsBetweenBeginAndCommitAreInATransaction() {
        List<Statement> s = split("SELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\nSELECT 3;");
        assertThat(s).extracting(Statement::inTransaction).containsExactly(false, true, true, true, false);
    }

    @Test
    void liquibaseChangesetsSplitAndRunInATransactionUnlessTheySayOtherwise() {
        List<Statement> s = split("""
                --liquibase formatted sql

                --changeset ann:1
                ALTER TABLE users ADD COLUMN a text
                --rollback ALTER TABLE users DROP COLUMN a;

                --changeset ann:2 runInTransaction:false
                CREATE INDEX CONCURRENTLY i ON users (a);
                """);
        assertThat(s).extracting(Statement::text)
                .containsExactly("ALTER TABLE users ADD COLUMN a text", "CREATE INDEX CONCURRENTLY i ON users (a)");
        assertThat(s).extracting(Statement::inTransaction).containsExactly(true, false);
    }

    @Test
    void psqlMetaCommandsAreSkipped() {
        assertThat(split("\\restrict abc\nSELECT 1;\n\\unrestrict abc\n")).extracting(Statement::text).containsExactly("SELECT 1");
    }

    @Test
    void unterminatedInputIsASyntaxErrorWithItsLine() {
        assertThatThrownBy(() -> split("SELECT 1;\n\nSELECT $x$ never closed"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("dollar-quoted")
                .satisfies(e -> assertThat(((SqlSyntaxException) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> split("/* open /* nested */"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("comment");
    }

    @Test
    void ignoreDirectivesAttachToTheNextStatementOrTheOneTheyTrail() {
        SqlScript script = SqlScript.parse("f.sql", """
                -- tuesday:ignore ban-drop-column gone from the code
                ALTER TABLE users DROP COLUMN a;
                ALTER TABLE users DROP COLUMN b; -- tuesday:ignore ban-drop-column,renaming-column also gone
                ALTER TABLE users DROP COLUMN c;
                -- tuesday:ignore-file prefer-text-field legacy file
                """, false);
        assertThat(script.statements().get(0).ignores("ban-drop-column")).isTrue();
        assertThat(script.statements().get(1).ignored()).containsKeys("ban-drop-column", "renaming-column");
        assertThat(script.statements().get(2).ignored()).isEmpty();
        assertThat(script.fileIgnores()).containsEntry("prefer-text-field", "legacy file");
    }

    @Test
    void flywayMigrationsRunInVersionOrder() {
        List<Path> files = new ArrayList<>(List.of(Path.of("V10__c.sql"), Path.of("R__views.sql"), Path.of("V2__b.sql"),
                Path.of("V1.1__a2.sql"), Path.of("V1__a.sql")));
        files.sort(MigrationFiles.ORDER);
        assertThat(files).extracting(Path::toString)
                .containsExactly("V1__a.sql", "V1.1__a2.sql", "V2__b.sql", "V10__c.sql", "R__views.sql");
    }
}
