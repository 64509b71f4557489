package dev.tuesday.migrate.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuesday.common.NewFile;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.MigrationFileException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a baseline migration file: one {@code sql} operation holding the schema's DDL, the
 * SQL as a YAML literal block so that it reads as it was dumped. The same schema and SQL always
 * give the same text, so a baseline killed after writing its file writes the same file again.
 */
final class BaselineFile {

    private BaselineFile() {
    }

    static String text(String schema, String schemaSql) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putArray("operations").addObject().putObject("sql").put("up", schemaSql.strip() + "\n");
        return "# The baseline of schema " + Sql.ident(schema) + ": recorded as applied where `tuesday migrate baseline`\n"
                + "# ran, and never run there. On an empty database `tuesday migrate migrate` runs its sql,\n"
                + "# which makes the schema as it was then.\n"
                + MigrationFile.yaml(root);
    }

    /** Writes {@code text} to {@code file}; an existing file is kept when it holds the same text, and refused otherwise. */
    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            NewFile.write(file, text);
        } catch (FileAlreadyExistsException e) {
            if (!text.equals(read(file))) {
                throw new MigrationFileException(file.getFileName().toString(), "", file + " exists and is not this"
                        + " baseline: move it, or choose another name; nothing was changed");
            }
        } catch (IOException e) {
            throw new MigrationFileException(file.getFileName().toString(), "", 0, 0, "cannot write " + file + ": " + e, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new MigrationFileException(file.getFileName().toString(), "", 0, 0, "cannot read " + file + ": " + e, e);
        }
    }
}
