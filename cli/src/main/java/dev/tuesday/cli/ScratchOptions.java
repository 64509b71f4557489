package dev.tuesday.cli;

import dev.tuesday.lint.LintException;
import dev.tuesday.lint.StartingSchema;
import dev.tuesday.migrate.MigrationException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import picocli.CommandLine.Option;

/**
 * What {@code tuesday lint} and {@code tuesday check} share: the starting schema of the scratch
 * database ({@code --schema-from}, {@code --url}) and how their failures read — one line naming
 * the command, exit 2.
 */
final class ScratchOptions {

    @Option(names = "--schema-from", paramLabel = "PATH", description = "SQL file or folder of migrations building the starting schema.")
    Path schemaFrom;

    @Option(names = "--url", paramLabel = "URL",
            description = "Copy this database's live schema as the starting schema (never changed); no password in it: PGPASSWORD.")
    String url;

    /** The JDBC URL of {@code --url} with the password of {@code PGPASSWORD}, or null. */
    String jdbcUrl() {
        return url == null ? null : DatabaseUrl.fromCommandLine(url, System.getenv("PGPASSWORD"));
    }

    /**
     * The starting schema these options give.
     *
     * @throws LintException naming {@code --schema-from} when its path does not exist
     */
    StartingSchema startingSchema() {
        if (schemaFrom != null && !Files.exists(schemaFrom)) {
            throw new LintException("--schema-from: " + schemaFrom + ": no such file or folder");
        }
        return new StartingSchema(jdbcUrl(), schemaFrom, null);
    }

    /**
     * Runs {@code body} and returns its exit code; bad input, or a scratch database that could not
     * be started or used, is one line on {@code err} naming {@code command}, and exit 2.
     */
    static int guarded(String command, PrintWriter err, IntSupplier body) {
        try {
            return body.getAsInt();
        } catch (LintException e) {
            err.println("tuesday " + command + ": " + e.getMessage());
            return Tuesday.USAGE;
        } catch (IllegalStateException | UncheckedIOException | MigrationException e) {
            // Not the migration's fault, but one line still.
            err.println("tuesday " + command + ": the scratch database failed: " + e.getMessage());
            return Tuesday.USAGE;
        }
    }
}
