package dev.tuesday.cli;

import static dev.tuesday.cli.CommandTree.branch;
import static dev.tuesday.cli.CommandTree.leaf;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code tuesday} command. Exit codes: 0 success, 1 failure, 2 bad usage. A failure prints one
 * line on standard error; {@code --verbose} adds the stack trace.
 */
@Command(name = "tuesday", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Zero-downtime releases of JVM services on PostgreSQL.")
public final class Tuesday {

    /** The commands, in the order the help lists them. */
    private static final CommandTree COMMANDS = branch(Tuesday.class,
            branch(MigrateCli.class, leaf(MigrateCli.Init.class), leaf(MigrateCli.Start.class),
                    leaf(MigrateCli.Complete.class), leaf(MigrateCli.Rollback.class), leaf(MigrateCli.Apply.class),
                    leaf(MigrateCli.Status.class), leaf(MigrateCli.Analyze.class),
                    branch(MigrateLatest.class, leaf(MigrateLatest.Schema.class), leaf(MigrateLatest.Url.class),
                            leaf(MigrateLatest.Name.class)),
                    leaf(MigrateCli.Validate.class), leaf(MigrateCli.Pull.class), leaf(MigrateCli.Baseline.class),
                    leaf(MigrateCreate.class), leaf(MigrateConvert.class)),
            branch(DbCli.class, leaf(DbCli.Start.class), leaf(DbCli.Stop.class), leaf(DbCli.Status.class),
                    leaf(DbCli.Url.class)),
            leaf(DrillCli.class),
            leaf(BalancerCli.class),
            branch(ReleaseCli.class, leaf(ReleaseCli.Status.class), leaf(ReleaseCli.Abort.class),
                    leaf(ReleaseCli.Contract.class), leaf(ReleaseCli.Recover.class), leaf(ReleaseCli.Deploy.class)),
            leaf(LintCli.class),
            leaf(CheckCli.class),
            leaf(dev.tuesday.cli.demo.DemoCli.class),
            leaf(CompletionCli.class),
            leaf(CommandLine.HelpCommand.class));

    /** Exit code of a command that failed. */
    public static final int FAILURE = 1;
    /** Exit code of a command given wrong arguments. */
    public static final int USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of failures.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line and returns the exit code; output goes to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // picocli reads every option of every command it is given: it is given only what the
        // arguments name, which is most of the start of each command.
        CommandLine cmd = versionOnly(args) ? new CommandLine(Tuesday.class) : COMMANDS.forArgs(args);
        cmd.setOut(out).setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable shown = e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e;
            commandLine.getErr().println("tuesday: " + oneLine(shown));
            if (parseResult.hasMatchedOption("--verbose")) {
                shown.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return FAILURE;
        });
        cmd.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : FAILURE);
        return cmd.execute(args);
    }

    /** The whole command tree: every command and subcommand. */
    static CommandLine everyCommand() {
        return COMMANDS.whole();
    }

    private static boolean versionOnly(String[] args) {
        return args.length > 0 && Arrays.stream(args).allMatch(a -> a.equals("--version") || a.equals("-V"));
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.strip().replace('\n', ' ');
    }
}
