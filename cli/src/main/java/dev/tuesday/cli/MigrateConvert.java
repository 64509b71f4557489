package dev.tuesday.cli;

import dev.tuesday.lint.LintException;
import dev.tuesday.lint.convert.Conversion;
import dev.tuesday.lint.convert.DdlConverter;
import dev.tuesday.lint.convert.MigrationFolder;
import dev.tuesday.lint.convert.MigrationText;
import dev.tuesday.lint.convert.Unconverted;
import dev.tuesday.migrate.MigrationFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tuesday migrate convert FILE.sql}: plain DDL as the operations that make the same change
 * safely. The migration goes to standard output, {@code --output FILE} or the next file of
 * {@code --dir}; what a person must still write, and each statement left out with its reason, go to
 * standard error.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Turn plain DDL into the equivalent safe operations; up/down a person must write are left"
                + " as \"TODO: …\", and each statement that could not be converted is named with the reason.",
                "Exit 0 every statement converted, 1 some not converted (the rest is still written),"
                        + " 2 bad input (unreadable SQL, a file that exists, a bad name)."})
final class MigrateConvert extends PrintingCommand {

    @Parameters(paramLabel = "FILE", description = "SQL file of DDL statements.")
    Path file;

    @ArgGroup(exclusive = true)
    Target target;

    /** Where the migration goes instead of standard output: one file, or the next file of a folder. */
    static final class Target {
        @Option(names = "--output", paramLabel = "FILE", description = "Write the migration to FILE (.yaml, .yml or .json); never overwrites.")
        Path output;

        @ArgGroup(exclusive = false)
        Folder folder;
    }

    /** {@code --dir DIR [--name NAME]}. */
    static final class Folder {
        @Option(names = "--dir", paramLabel = "DIR", required = true,
                description = "Write the migration as the next file of DIR, named after FILE or --name.")
        Path dir;

        @Option(names = "--name", paramLabel = "NAME", description = "The migration's name in DIR. Default: FILE's name.")
        String name;
    }

    @Override
    public Integer call() {
        try {
            String sql = read(file);
            Conversion conversion = DdlConverter.convert(String.valueOf(file.getFileName()), sql);
            if (conversion.operations().isEmpty() && conversion.complete()) {
                throw new LintException(file + ": no schema change to convert");
            }
            // A migration without one operation would be applied as a no-op and recorded: write none.
            Path written = conversion.operations().isEmpty() ? null : write(conversion);
            for (String todo : conversion.todos()) {
                err().println("TODO " + todo);
            }
            for (Unconverted u : conversion.unconverted()) {
                err().println(file + ":" + u.line() + ": not converted: " + u.statement() + ": " + u.reason());
            }
            if (written != null) {
                out().println(written);
            }
            return conversion.complete() ? 0 : Tuesday.FAILURE;
        } catch (LintException e) {
            err().println("tuesday migrate convert: " + e.getMessage());
            return Tuesday.USAGE;
        }
    }

    /** Writes the migration where the options say; the file written, or null for standard output. */
    private Path write(Conversion conversion) {
        Path to = null;
        if (target != null && target.output != null) {
            to = target.output;
        } else if (target != null && target.folder != null) {
            String migration = target.folder.name != null ? target.folder.name : defaultName(file);
            to = MigrationFolder.of(target.folder.dir).next(migration);
        }
        if (to == null) {
            out().print(MigrationText.yaml(conversion));
            out().flush();
            return null;
        }
        MigrationFile.Format format = MigrationFile.Format.of(String.valueOf(to.getFileName()));
        if (format == null) {
            throw new LintException(to + ": a migration file ends in .yaml, .yml or .json");
        }
        MigrationFolder.writeNew(to, format == MigrationFile.Format.JSON ? MigrationText.json(conversion)
                : MigrationText.yaml(conversion));
        return to;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new LintException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The SQL file's name without its extension and a Flyway {@code V…__} prefix, lower case. */
    private static String defaultName(Path sql) {
        String base = String.valueOf(sql.getFileName());
        int dot = base.lastIndexOf('.');
        base = dot > 0 ? base.substring(0, dot) : base;
        int flyway = base.indexOf("__");
        if (flyway >= 0 && base.matches("[VvRr][0-9._]*__.+")) {
            base = base.substring(flyway + 2);
        }
        return base.toLowerCase(Locale.ROOT);
    }
}
