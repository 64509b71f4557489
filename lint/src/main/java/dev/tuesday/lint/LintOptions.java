package dev.tuesday.lint;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code tuesday lint PATH… [--format F] [--fail-on S] [--config FILE]
 * [--schema-from PATH] [--url URL] [--rules-only]}.
 *
 * @param paths migration files or folders, in order
 * @param format output format; {@code null} for {@link Format#HUMAN}
 * @param failOn {@code advice}, {@code locking}, {@code breaking} or {@code none}; {@code null} for
 *     the configuration's value (default {@code locking})
 * @param config the configuration file; {@code null} to use {@code tuesday-lint.yaml} in the working
 *     directory when it exists
 * @param schemaFrom a SQL file or a folder of migrations that builds the starting schema; may be null
 * @param url a JDBC URL whose live schema is copied as the starting schema (never migrated); may be null
 * @param rulesOnly skip the scratch database: rules alone, no measured locks or rewrites
 */
public record LintOptions(List<Path> paths, Format format, String failOn, Path config, Path schemaFrom, String url,
        boolean rulesOnly) {

    /** Copies the list. */
    public LintOptions {
        paths = List.copyOf(paths);
    }

    /** Options for {@code paths} with every default. */
    public static LintOptions of(Path... paths) {
        return new LintOptions(List.of(paths), null, null, null, null, null, false);
    }
}
