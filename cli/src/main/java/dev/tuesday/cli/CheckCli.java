package dev.tuesday.cli;

import dev.tuesday.lint.CheckOptions;
import dev.tuesday.lint.Checker;
import dev.tuesday.lint.Format;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuesday check}: would the queries of the running version survive this migration? */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Prepare the running version's queries against the migrated schema (after start and after"
                + " complete) on a scratch PostgreSQL, and report each one that would fail.",
                "Exit 1 when the running version would break while it still runs."})
final class CheckCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--queries", paramLabel = "FILE",
            description = "The running version's statements ($1-style parameters). Default: pg_stat_statements of --url.")
    Path queries;

    @Option(names = "--migration", required = true, paramLabel = "FILE", description = "The migration: SQL or a Tuesday operation file.")
    Path migration;

    @Option(names = "--schema-from", paramLabel = "PATH", description = "SQL file or folder of migrations building the starting schema.")
    Path schemaFrom;

    @Option(names = "--url", paramLabel = "URL", description = "Database whose live schema is the starting schema (never changed); no password in it: PGPASSWORD.")
    String url;

    @Option(names = "--format", paramLabel = "human|json", description = "Output format. Default: human.")
    String format;

    @Override
    public Integer call() {
        Format f = format == null ? null : Format.parse(format);
        String jdbc = url == null ? null : DatabaseUrl.fromCommandLine(url, System.getenv("PGPASSWORD"));
        CheckOptions options = new CheckOptions(queries, migration, schemaFrom, jdbc, f);
        try (Captured out = new Captured(spec.commandLine().getOut()); Captured err = new Captured(spec.commandLine().getErr())) {
            return Checker.run(options, out.stream(), err.stream());
        }
    }
}
