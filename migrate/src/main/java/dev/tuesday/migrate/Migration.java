package dev.tuesday.migrate;

import dev.tuesday.migrate.op.Operation;
import java.util.List;

/**
 * One migration file: its name (the file name without extension unless the file names it), an
 * optional explicit version schema name (null: {@code <schema>_<name>}), its operations in order,
 * the SHA-256 of the file's bytes (hex), where it came from (its file name, for messages), and the
 * file's text, which the history keeps so that {@code tuesday migrate pull} can write the file
 * again byte for byte (null for a migration built in code).
 */
public record Migration(String name, String versionSchema, List<Operation> operations, String checksum,
        String source, String text) {
    public Migration {
        operations = List.copyOf(operations);
    }

    /**
     * The version schema this migration creates when it migrates {@code schema}: the one the file
     * names ({@code version_schema}), else {@code <schema>_<name>}. The one rule that names a
     * version schema.
     */
    public String versionSchemaIn(String schema) {
        return versionSchema != null && !versionSchema.isBlank() ? versionSchema : schema + "_" + name;
    }
}
