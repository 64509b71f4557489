package dev.tuesday.lint;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The schema a migration meets, as the user gives it: a live database's schema copied from
 * {@code url}, then a SQL file or folder of migrations ({@code path}), then SQL text
 * ({@code sql}); each optional, applied in that order.
 */
public record StartingSchema(String url, Path path, String sql) {

    /** No starting schema: an empty database. */
    public static final StartingSchema NONE = new StartingSchema(null, null, null);

    /** The schema a SQL file or a folder of migrations builds. */
    public static StartingSchema from(Path path) {
        return new StartingSchema(null, path, null);
    }

    /** The schema {@code sql} builds. */
    public static StartingSchema ofSql(String sql) {
        return new StartingSchema(null, null, sql);
    }

    /**
     * Checks that {@code path} exists.
     *
     * @throws LintException naming the path when it does not
     */
    public StartingSchema {
        if (path != null && !Files.exists(path)) {
            throw new LintException("starting schema " + path + ": no such file or folder");
        }
    }

    /** Whether any starting schema was given: then a statement it rejects would fail for real. */
    public boolean given() {
        return url != null || path != null || sql != null;
    }
}
