package dev.tuesday.cli;

import dev.tuesday.lint.Format;
import dev.tuesday.lint.LintConfig;
import dev.tuesday.lint.LintException;
import dev.tuesday.lint.LintReport;
import dev.tuesday.lint.Linter;
import dev.tuesday.lint.Severity;
import dev.tuesday.lint.output.Renderers;
import dev.tuesday.migrate.MigrationException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuesday lint}: what in a migration would break running code or lock a busy table. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Find statements that break running code or lock a busy table: rules, plus the locks and"
                + " rewrites measured on a scratch PostgreSQL.",
                "Exit 0 clean, 1 a finding at or above --fail-on, 2 bad input."})
final class LintCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "SQL migrations (Flyway, Liquibase formatted SQL, any .sql) or Tuesday operation files, or folders.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "human|json|github|sarif", description = "Output format. Default: human.")
    String format;

    @Option(names = "--fail-on", paramLabel = "advice|locking|breaking|none",
            description = "Lowest severity that fails the run. Default: from tuesday-lint.yaml, else locking.")
    String failOn;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration. Default: ./tuesday-lint.yaml when present.")
    Path config;

    @Option(names = "--schema-from", paramLabel = "PATH", description = "SQL file or folder of migrations building the starting schema.")
    Path schemaFrom;

    @Option(names = "--url", paramLabel = "URL", description = "Copy this database's live schema as the starting schema (never changed); no password in it: PGPASSWORD.")
    String url;

    @Option(names = "--rules-only", description = "Skip the scratch database: rules alone, no measured locks or rewrites.")
    boolean rulesOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Format f = format == null ? Format.HUMAN : Format.parse(format);
            LintConfig loaded = config();
            Severity failAt = failOn == null ? loaded.failOn() : LintConfig.parseFailOn(failOn, "--fail-on");
            LintConfig applied = new LintConfig(loaded.postgresVersion(), failAt, loaded.assumeInTransaction(),
                    loaded.severities());
            if (schemaFrom != null && !Files.exists(schemaFrom)) {
                throw new LintException("--schema-from: " + schemaFrom + ": no such file or folder");
            }
            String jdbc = url == null ? null : DatabaseUrl.fromCommandLine(url, System.getenv("PGPASSWORD"));
            LintReport report = Linter.configure().config(applied).measure(!rulesOnly).schemaFrom(schemaFrom).url(jdbc)
                    .load().lint(paths);
            out.print(Renderers.render(report, f));
            out.flush();
            return report.failed() ? Tuesday.FAILURE : 0;
        } catch (LintException e) {
            err.println("tuesday lint: " + e.getMessage());
            return Tuesday.USAGE;
        } catch (IllegalStateException | UncheckedIOException | MigrationException e) {
            // The scratch database could not be started or used: not the migration's fault, but one line still.
            err.println("tuesday lint: the scratch database failed: " + e.getMessage());
            return Tuesday.USAGE;
        }
    }

    /** {@code --config}, else {@code ./tuesday-lint.yaml} when present, else the defaults. */
    private LintConfig config() {
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new LintException("--config: " + config + ": no such file");
            }
            return LintConfig.read(config);
        }
        Path local = Path.of(LintConfig.FILE_NAME);
        return Files.isRegularFile(local) ? LintConfig.read(local) : LintConfig.defaults();
    }
}
