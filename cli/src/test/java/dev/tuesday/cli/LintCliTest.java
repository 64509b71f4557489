package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuesday.lint.LintConfig;
import dev.tuesday.lint.Severity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuesday lint}: output formats, configuration, --fail-on and bad input, on rules alone (no database needed). */
class LintCliTest {

    @TempDir
    Path dir;

    private static final String MIGRATION = "ALTER TABLE users RENAME COLUMN name TO full_name;\n"
            + "CREATE TABLE audit (at timestamp);\n";

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private record Run(int code, String out, String err) {}

    private Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> line = new ArrayList<>(List.of("lint", "--rules-only"));
        line.addAll(args);
        int code = Tuesday.run(new PrintWriter(out, true), new PrintWriter(err, true), line.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private List<String> options(Path file, String format, String failOn, Path config) {
        List<String> args = new ArrayList<>();
        if (format != null) {
            args.addAll(List.of("--format", format));
        }
        if (failOn != null) {
            args.addAll(List.of("--fail-on", failOn));
        }
        if (config != null) {
            args.addAll(List.of("--config", config.toString()));
        }
        args.add(file.toString());
        return args;
    }

    @Test
    void jsonIsAnArrayOfFindingsWithEveryField() throws Exception {
        Run r = run(options(write("V2__x.sql", MIGRATION), "json", null, null));

        JsonNode array = new ObjectMapper().readTree(r.out());
        assertThat(array.isArray()).isTrue();
        JsonNode first = array.get(0);
        assertThat(first.get("rule").asText()).isEqualTo("renaming-column");
        assertThat(first.get("severity").asText()).isEqualTo("breaking");
        assertThat(first.get("file").asText()).endsWith("V2__x.sql");
        assertThat(first.get("line").asInt()).isEqualTo(1);
        assertThat(first.get("message").asText()).contains("name");
        assertThat(first.get("fix").asText()).contains("rename_column");
        assertThat(first.has("locks")).isTrue();
        assertThat(first.has("rewrite")).isTrue();
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void githubFormatPrintsOneWorkflowAnnotationPerFinding() throws Exception {
        Path file = write("V2__x.sql", MIGRATION);
        Run r = run(options(file, "github", null, null));

        assertThat(r.out().lines().toList()).hasSize(4);
        assertThat(r.out()).contains("::error file=" + file + ",line=1,title=renaming-column (breaking)::");
        assertThat(r.out()).contains("::notice file=" + file + ",line=1,title=missing-lock-timeout (advice)::");
        assertThat(r.out()).contains("::notice file=" + file + ",line=2,title=prefer-timestamptz (advice)::");
    }

    @Test
    void sarifNamesTheToolTheRulesAndTheLocations() throws Exception {
        Run r = run(options(write("V2__x.sql", MIGRATION), "sarif", null, null));

        JsonNode sarif = new ObjectMapper().readTree(r.out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("tuesday-lint");
        assertThat(run.at("/results/0/ruleId").asText()).isEqualTo("renaming-column");
        assertThat(run.at("/results/0/level").asText()).isEqualTo("error");
        assertThat(run.at("/results/0/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    }

    @Test
    void humanOutputShowsLocationSeverityRuleAndFix() throws Exception {
        Run r = run(options(write("V2__x.sql", MIGRATION), null, null, null));

        assertThat(r.out()).contains("V2__x.sql:1: breaking [renaming-column]").contains("    fix: use Tuesday's rename_column")
                .contains("1 file, 1 breaking, 0 locking, 3 advice");
    }

    @Test
    void failOnDecidesTheExitCode() throws Exception {
        Path advice = write("V3__advice.sql", "CREATE TABLE audit (at timestamp);\n");
        assertThat(run(options(advice, null, null, null)).code()).isZero();
        assertThat(run(options(advice, null, "advice", null)).code()).isEqualTo(1);
        Path breaking = write("V4__rename.sql", MIGRATION);
        assertThat(run(options(breaking, null, "none", null)).code()).isZero();
        assertThat(run(options(breaking, null, "breaking", null)).code()).isEqualTo(1);
    }

    @Test
    void theConfigurationTurnsRulesOffOnAndChangesTheirSeverity() throws Exception {
        Path config = write("tuesday-lint.yaml", """
                postgres: 10
                failOn: breaking
                rules:
                  prefer-timestamptz: off
                  renaming-column: advice
                  require-table-schema: on
                """);
        LintConfig c = LintConfig.read(config);
        assertThat(c.postgresVersion()).isEqualTo(10);
        assertThat(c.failOn()).isEqualTo(Severity.BREAKING);

        Run r = run(options(write("V2__x.sql", MIGRATION), "json", null, config));
        assertThat(r.out()).doesNotContain("prefer-timestamptz").contains("require-table-schema")
                .contains("\"severity\" : \"advice\"");
        assertThat(r.code()).isZero();
    }

    @Test
    void aBadConfigurationIsOneLineNamingTheFieldAndExitTwo() throws Exception {
        Path config = write("tuesday-lint.yaml", "rules:\n  renaming-colum: off\n");
        Run r = run(options(write("V2__x.sql", MIGRATION), null, null, config));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tuesday lint: " + config + ": rules.renaming-colum: no such rule");
        assertThatThrownBy(() -> LintConfig.read(write("bad.yaml", "postgress: 16\n")))
                .hasMessageContaining("unknown field 'postgress'");
    }

    @Test
    void unreadableSqlIsAParseErrorWithFileAndLineNotAStackTrace() throws Exception {
        Path file = write("V5__bad.sql", "ALTER TABLE users ADD COLUMN a text;\n\nUPDATE users SET name = 'unterminated;\n");
        Run r = run(options(file, null, null, null));

        assertThat(r.out()).contains(file + ":3: breaking [syntax-error] unterminated string constant");
        assertThat(r.out()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isEqualTo(1);

        Path typo = write("V6__typo.sql", "SELECT 1;\nALTR TABLE users ADD COLUMN a text;\n");
        assertThat(run(options(typo, null, null, null)).out()).contains(typo + ":2: breaking [syntax-error]");
    }

    @Test
    void aMissingPathIsOneLineAndExitTwo() {
        Run r = run(options(dir.resolve("missing.sql"), null, null, null));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tuesday lint: " + dir.resolve("missing.sql") + ": no such file or folder");
    }

    @Test
    void aBadFailOnValueIsOneLine() throws Exception {
        Run r = run(options(write("V2__x.sql", MIGRATION), null, "severe", null));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tuesday lint: --fail-on: 'severe' is not advice, locking, breaking or none");
    }

    @Test
    void checkWithAMissingMigrationIsOneLineAndExitTwoBeforeAnyDatabaseStarts() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Tuesday.run(new PrintWriter(out, true), new PrintWriter(err, true), "check", "--queries",
                write("q.sql", "SELECT 1;\n").toString(), "--migration", "nope.sql");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("tuesday check: --migration: nope.sql: no such file");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingSchemaFromNamesTheOption() throws Exception {
        Run r = run(List.of("--schema-from", dir.resolve("nope").toString(), write("V2__x.sql", MIGRATION).toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tuesday lint: --schema-from: " + dir.resolve("nope") + ": no such file or folder");
    }
}
