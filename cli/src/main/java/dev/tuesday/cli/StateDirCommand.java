package dev.tuesday.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A {@code tuesday release} command: it works on the release kept in {@code --state-dir}, where
 * the others of them find it from another terminal.
 */
abstract class StateDirCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", defaultValue = ".tuesday", paramLabel = "DIR",
            description = "Folder of the release's state file, abort file and instance logs. Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
