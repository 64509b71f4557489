package dev.tuesday.cli;

import dev.tuesday.lint.Format;
import dev.tuesday.lint.LintOptions;
import dev.tuesday.lint.Linter;
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
        Format f = format == null ? null : Format.parse(format);
        String jdbc = url == null ? null : DatabaseUrl.fromCommandLine(url, System.getenv("PGPASSWORD"));
        LintOptions options = new LintOptions(paths, f, failOn, config, schemaFrom, jdbc, rulesOnly);
        try (Captured out = new Captured(spec.commandLine().getOut()); Captured err = new Captured(spec.commandLine().getErr())) {
            return Linter.run(options, out.stream(), err.stream());
        }
    }
}
