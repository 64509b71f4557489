package dev.tuesday.lint.convert;

import dev.tuesday.common.NewFile;
import dev.tuesday.lint.LintException;
import dev.tuesday.migrate.MigrationFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A folder of migration files named as the project's examples are: {@code NN_name.yaml}, numbered
 * in the order they apply ({@code 01_create_users.yaml}, {@code 02_full_name.yaml}). New files take
 * the next number, as wide as the widest one already there (at least two digits), and are never
 * written over an existing file.
 */
public final class MigrationFolder {

    /** The longest name accepted: the migration name goes into the version schema's name, which PostgreSQL cuts at 63 bytes. */
    public static final int MAX_NAME = 40;

    /**
     * The skeleton {@code create} writes: a list with one placeholder operation, which the reader
     * rejects until a person replaces it, so an unfinished file cannot be started.
     */
    static final String SKELETON = """
            # One entry per operation, applied in order; each keeps the running version working, e.g.
            #   - add_column:
            #       table: users
            #       column: {name: email, type: text, nullable: true}
            #   - rename_column: {table: users, from: name, to: full_name}
            #   - alter_column: {table: users, column: email, nullable: false, up: "coalesce(email, '')"}
            # Operations: create_table, add_column, drop_column, rename_column, alter_column, rename_table,
            # drop_table, create_index, drop_index, create_constraint, drop_constraint, rename_constraint, sql.
            operations:
              - TODO: {}
            """;

    private final Path dir;

    private MigrationFolder(Path dir) {
        this.dir = dir;
    }

    /** The folder {@code dir}; it is made when a file is first written into it. */
    public static MigrationFolder of(Path dir) {
        return new MigrationFolder(dir);
    }

    /**
     * The path of the next migration called {@code name}, with the extension {@code .yaml}.
     *
     * @throws LintException when {@code name} is not a safe file name or the folder cannot be listed
     */
    public Path next(String name) {
        checkName(name);
        int highest = 0;
        int width = 2;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String prefix = numberPrefix(file.getFileName().toString());
                    if (prefix != null) {
                        highest = Math.max(highest, Integer.parseInt(prefix));
                        width = Math.max(width, prefix.length());
                    }
                }
            } catch (IOException e) {
                throw new LintException(dir + ": cannot list the folder: " + e.getMessage(), e);
            }
        }
        return dir.resolve(String.format("%0" + width + "d_%s.yaml", highest + 1, name));
    }

    /** Writes the skeleton of a new migration called {@code name} and returns its path. */
    public Path create(String name) {
        Path file = next(name);
        writeNew(file, SKELETON);
        return file;
    }

    /**
     * Writes {@code text} to {@code file}, which must not exist yet; makes its folder when needed.
     *
     * @throws LintException when the file exists or cannot be written
     */
    public static void writeNew(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            NewFile.write(file, text);
        } catch (FileAlreadyExistsException e) {
            throw new LintException(file + " already exists; nothing was written", e);
        } catch (IOException e) {
            throw new LintException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code name} is a safe migration name: a letter, then letters, digits,
     * {@code _} or {@code -}, at most {@link #MAX_NAME} characters.
     *
     * @throws LintException naming the name and the rule when it is not
     */
    public static void checkName(String name) {
        boolean safe = name != null && !name.isEmpty() && name.length() <= MAX_NAME
                && Character.isLetter(name.charAt(0)) && name.chars().allMatch(c -> c < 128
                        && (Character.isLetterOrDigit(c) || c == '_' || c == '-'));
        if (!safe) {
            throw new LintException("\"" + name + "\" is not a safe migration name: start with a letter, then "
                    + "letters, digits, _ or - (at most " + MAX_NAME + " characters)");
        }
    }

    /** The digits before the first {@code _} of a migration file's name, or null. */
    private static String numberPrefix(String fileName) {
        int underscore = fileName.indexOf('_');
        if (underscore <= 0 || MigrationFile.Format.of(fileName) == null) {
            return null;
        }
        String prefix = fileName.substring(0, underscore);
        return prefix.chars().allMatch(Character::isDigit) && prefix.length() < 10 ? prefix : null;
    }
}
