package dev.tuesday.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
    private static final List<Class<?>> COMMANDS = List.of(MigrateCli.class, DbCli.class, DrillCli.class, BalancerCli.class,
            ReleaseCli.class, LintCli.class, CheckCli.class, dev.tuesday.cli.demo.DemoCli.class, CommandLine.HelpCommand.class);

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
        CommandLine cmd = new CommandLine(new Tuesday());
        // picocli reads every option of every command it is given: only the one asked for is
        // given, which halves the start of `tuesday --version` and of each command.
        Optional<Class<?>> asked = asked(args);
        if (asked.isPresent()) {
            cmd.addSubcommand(asked.get());
        } else if (!versionOnly(args)) {
            COMMANDS.forEach(cmd::addSubcommand);
        }
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
        CommandLine cmd = new CommandLine(new Tuesday());
        COMMANDS.forEach(cmd::addSubcommand);
        return cmd;
    }

    /** The command the first word that is not an option names, if it names one other than {@code help}. */
    private static Optional<Class<?>> asked(String[] args) {
        Optional<String> word = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst();
        return word.flatMap(w -> COMMANDS.stream().filter(c -> c != CommandLine.HelpCommand.class)
                .filter(c -> c.getAnnotation(Command.class).name().equals(w)).findFirst());
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
