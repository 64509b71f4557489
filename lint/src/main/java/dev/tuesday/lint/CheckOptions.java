package dev.tuesday.lint;

import java.nio.file.Path;

/**
 * The options of {@code tuesday check [--queries FILE] --migration FILE [--schema-from PATH] [--url URL]
 * [--format human|json]}.
 *
 * @param queries the running version's statements, one per line or separated by {@code ;}, with
 *     {@code $1}-style parameters; {@code null} to read them from {@code pg_stat_statements} of {@code url}
 * @param migration the migration to check: SQL, or a Tuesday operation file
 * @param schemaFrom a SQL file or folder of migrations that builds the starting schema; may be null
 * @param url a JDBC URL whose live schema is the starting schema (and whose pg_stat_statements
 *     gives the queries when no file does); may be null
 * @param format {@link Format#HUMAN} (default when null) or {@link Format#JSON}
 */
public record CheckOptions(Path queries, Path migration, Path schemaFrom, String url, Format format) {}
