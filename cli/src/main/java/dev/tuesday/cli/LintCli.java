package dev.tuesday.cli;

import dev.tuesday.lint.Format;
import dev.tuesday.lint.LintConfig;
import dev.tuesday.lint.LintException;
import dev.tuesday.lint.LintReport;
import dev.tuesday.lint.Linter;
import dev.tuesday.lint.Severity;
import dev.tuesday.lint.output.Renderers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tuesday lint}: what in a migration would break running code or lock a busy table. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Find statements that break running code or lock a busy table: rules, plus the locks and"
                + " rewrites measured on a scratch PostgreSQL.",
                "Exit 0 clean, 1 a finding at or above --fail-on, 2 bad input."})
final class LintCli extends PrintingCommand {

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

    @Mixin
    ScratchOptions scratch;

    @Option(names = "--rules-only", description = "Skip the scratch database: rules alone, no measured locks or rewrites.")
    boolean rulesOnly;

    @Override
    public Integer call() {
        return ScratchOptions.guarded("lint", err(), () -> {
            Format f = format == null ? Format.HUMAN : Format.parse(format);
            LintConfig loaded = config();
            Severity failAt = failOn == null ? loaded.failOn() : LintConfig.parseFailOn(failOn, "--fail-on");
            LintConfig applied = new LintConfig(loaded.postgresVersion(), failAt, loaded.assumeInTransaction(),
                    loaded.severities());
            LintReport report = Linter.configure().config(applied).measure(!rulesOnly)
                    .startingSchema(scratch.startingSchema()).build().lint(paths);
            out().print(Renderers.render(report, f));
            out().flush();
            return report.failed() ? Tuesday.FAILURE : 0;
        });
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
