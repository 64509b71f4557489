package dev.tuesday.example.spring;

import java.util.Locale;

/**
 * The two versions of the running example: v1 reads and writes the column {@code name}, v2 reads
 * and writes {@code full_name} through the version schema of the rename migration. The JSON field
 * is named after the column.
 */
enum ApiVersion {
    V1("name", "public"),
    V2("full_name", "public_02_full_name");

    private final String nameColumn;
    private final String defaultSchema;

    ApiVersion(String nameColumn, String defaultSchema) {
        this.nameColumn = nameColumn;
        this.defaultSchema = defaultSchema;
    }

    /** The column (and JSON field) holding the user's name in this version. */
    String nameColumn() {
        return nameColumn;
    }

    /** The version schema used when {@code TUESDAY_SCHEMA} is not set. */
    String defaultSchema() {
        return defaultSchema;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ApiVersion parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "v1", "1" -> V1;
            case "v2", "2" -> V2;
            default -> throw new IllegalArgumentException("USERS_VERSION must be v1 or v2, got '" + text + "'");
        };
    }
}
