package dev.tuesday.cli;

import dev.tuesday.lint.LintException;
import dev.tuesday.lint.convert.MigrationFolder;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tuesday migrate create NAME}: the skeleton of the next migration file of a folder. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Write DIR/<next number>_NAME.yaml, a migration skeleton to fill in; never overwrites.",
                "Exit 0 written, 2 a name that is not a safe file name or a file that exists."})
final class MigrateCreate extends PrintingCommand {

    @Parameters(paramLabel = "NAME", description = "The migration's name: a letter, then letters, digits, _ or -.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder of migration files. Default: the current folder.")
    Path dir = Path.of(".");

    @Override
    public Integer call() {
        try {
            Path file = MigrationFolder.of(dir).create(name);
            out().println(file);
            return 0;
        } catch (LintException e) {
            err().println("tuesday migrate create: " + e.getMessage());
            return Tuesday.USAGE;
        }
    }
}
