package dev.tuesday.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * A {@code tuesday release} command: it works on the release kept in {@code --state-dir}, where
 * the others of them find it from another terminal.
 */
abstract class StateDirCommand extends PrintingCommand {
    @Option(names = "--state-dir", defaultValue = ".tuesday", paramLabel = "DIR",
            description = "Folder of the release's state file, abort file and instance logs. Default: ${DEFAULT-VALUE}.")
    Path stateDir;
}
