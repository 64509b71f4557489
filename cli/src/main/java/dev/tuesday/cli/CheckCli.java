package dev.tuesday.cli;

import dev.tuesday.lint.CheckReport;
import dev.tuesday.lint.Checker;
import dev.tuesday.lint.Format;
import dev.tuesday.lint.LintException;
import dev.tuesday.lint.Queries;
import dev.tuesday.lint.Query;
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Format f = format == null ? Format.HUMAN : Format.parse(format);
            if (!Files.isRegularFile(migration)) {
                throw new LintException("--migration: " + migration + ": no such file");
            }
            if (schemaFrom != null && !Files.exists(schemaFrom)) {
                throw new LintException("--schema-from: " + schemaFrom + ": no such file or folder");
            }
            String jdbc = url == null ? null : DatabaseUrl.fromCommandLine(url, System.getenv("PGPASSWORD"));
            List<Query> statements;
            if (queries != null) {
                statements = Queries.read(queries);
            } else if (jdbc != null) {
                statements = Queries.fromPgStatStatements(jdbc);
            } else {
                throw new LintException("give --queries FILE, or --url to read pg_stat_statements");
            }
            CheckReport report = Checker.configure().schemaFrom(schemaFrom).url(jdbc).load().check(statements, migration);
            out.print(report.render(f));
            out.flush();
            return report.breaksRunningVersion() ? Tuesday.FAILURE : 0;
        } catch (LintException e) {
            err.println("tuesday check: " + e.getMessage());
            return Tuesday.USAGE;
        } catch (IllegalStateException | UncheckedIOException | MigrationException e) {
            err.println("tuesday check: the scratch database failed: " + e.getMessage());
            return Tuesday.USAGE;
        }
    }
}
