package dev.tuesday.cli;

import dev.tuesday.lint.CheckReport;
import dev.tuesday.lint.Checker;
import dev.tuesday.lint.Format;
import dev.tuesday.lint.LintException;
import dev.tuesday.lint.Queries;
import dev.tuesday.lint.Query;
import dev.tuesday.lint.StartingSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tuesday check}: would the queries of the running version survive this migration? */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Prepare the running version's queries against the migrated schema (after start and after"
                + " complete) on a scratch PostgreSQL, and report each one that would fail.",
                "Exit 1 when the running version would break while it still runs."})
final class CheckCli extends PrintingCommand {

    @Option(names = "--queries", paramLabel = "FILE",
            description = "The running version's statements ($1-style parameters). Default: pg_stat_statements of --url.")
    Path queries;

    @Option(names = "--migration", required = true, paramLabel = "FILE", description = "The migration: SQL or a Tuesday operation file.")
    Path migration;

    @Mixin
    ScratchOptions scratch;

    @Option(names = "--format", paramLabel = "human|json", description = "Output format. Default: human.")
    String format;

    @Override
    public Integer call() {
        return ScratchOptions.guarded("check", err(), () -> {
            Format f = format == null ? Format.HUMAN : Format.parse(format);
            StartingSchema start = scratch.startingSchema(); // a password on the command line is refused first
            if (!Files.isRegularFile(migration)) {
                throw new LintException("--migration: " + migration + ": no such file");
            }
            List<Query> statements;
            if (queries != null) {
                statements = Queries.read(queries);
            } else if (start.url() != null) {
                statements = Queries.fromPgStatStatements(start.url());
            } else {
                throw new LintException("give --queries FILE, or --url to read pg_stat_statements");
            }
            CheckReport report = Checker.configure().startingSchema(start).build().check(statements, migration);
            out().print(report.render(f));
            out().flush();
            return report.breaksRunningVersion() ? Tuesday.FAILURE : 0;
        });
    }
}
