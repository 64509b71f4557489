package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TuesdayCommandTest {

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tuesday.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void everyCommandAndSubcommandAnswersHelpWithExitZero() {
        List<List<String>> paths = new ArrayList<>();
        collect(Tuesday.everyCommand(), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(5);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Result r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as("exit of %s", args).isZero();
            assertThat(r.out()).as("help of %s", args).contains("Usage:");
        }
    }

    private static void collect(CommandLine cmd, List<String> prefix, List<List<String>> into) {
        into.add(prefix);
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && sub.getCommandName().equals(name)) {
                List<String> next = new ArrayList<>(prefix);
                next.add(name);
                collect(sub, next, into);
            }
        });
    }

    @Test
    void onlyTheBranchTheWordsNameIsBuiltAndItAnswersAsTheWholeTree() {
        // The first word after `release` is the value of --state-dir: the whole tree refuses a
        // subcommand's name there, and so must the branch.
        Result r = run("release", "--state-dir", "status", "deploy", "--help");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Expected parameter for option '--state-dir' but found 'status'");
        Result named = run("migrate", "latest", "schema", "--help");
        assertThat(named.exit()).isZero();
        assertThat(named.out()).startsWith("Usage: tuesday migrate latest schema");
    }

    @Test
    void aHelpOptionBeforeASubcommandsNameListsEverySubcommand() {
        // The branch the words name holds only that subcommand: the help would list it alone.
        Result top = run("--help", "migrate");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).startsWith("Usage: tuesday [").contains("  migrate ", "  release ", "  lint ");
        Result migrate = run("migrate", "--help", "status");
        assertThat(migrate.exit()).isZero();
        assertThat(migrate.out()).startsWith("Usage: tuesday migrate [").contains("  start ", "  complete ", "  status ");
    }

    @Test
    void theCompletionScriptCompletesCommandsSubcommandsAndOptionsInBash(@TempDir Path dir) throws Exception {
        Result r = run("completion");
        assertThat(r.exit()).isZero();
        Path script = Files.writeString(dir.resolve("tuesday-completion.bash"), r.out());
        assertThat(offered(script, "tuesday mig")).containsExactly("migrate");
        assertThat(offered(script, "tuesday migrate sta")).containsExactlyInAnyOrder("start", "status");
        assertThat(offered(script, "tuesday db sto")).containsExactly("stop");
        assertThat(offered(script, "tuesday migrate migrate --exp")).containsExactly("--expect-one");
        assertThat(offered(script, "tuesday migrate latest sch")).containsExactly("schema");
    }

    /** What bash itself offers for {@code line}, completing its last word. */
    private static List<String> offered(Path script, String line) throws Exception {
        // compopt works only inside a completion bash runs itself: a no-op here.
        Process bash = new ProcessBuilder("bash", "-c", "source \"$0\" && compopt() { :; } && read -ra COMP_WORDS <<< \"$1\""
                + " && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && COMP_LINE=\"$1\" && COMP_POINT=${#COMP_LINE}"
                + " && { _complete_tuesday; true; } && printf '%s\\n' \"${COMPREPLY[@]}\"", script.toString(), line)
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).as(out).isZero();
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void versionPrintsTheVersion() {
        Result r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("tuesday ");
    }

    @Test
    void badUsageExitsTwoWithTheProblemNamed() {
        Result r = run("--no-such-option");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void aDemoWithAnUnknownStrategyIsBadUsageBeforeAnythingStarts() {
        Result r = run("demo", "--strategy", "yolo");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--strategy: expected rolling, blue-green or canary, not 'yolo'");
    }

    @Test
    void aFailureIsOneLineWithoutStackTraceUnlessVerbose() {
        Result r = run("db", "url");
        // The test JVM runs in a fresh folder where no embedded server runs.
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("tuesday: ").doesNotContain("\n").doesNotContain("at dev.tuesday");
        Result verbose = run("--verbose", "db", "url");
        assertThat(verbose.exit()).isEqualTo(1);
        assertThat(verbose.err()).contains("at dev.tuesday");
    }
}
