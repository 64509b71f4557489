package dev.tuesday.migrate;

/**
 * What {@link Migrator#start} did: the migration started (or resumed), the version schema the new
 * version connects with, and whether it was also completed.
 *
 * @param migration the migration's name
 * @param versionSchema the version schema it created, e.g. {@code public_02_full_name}
 * @param completed whether the migration was completed right away
 */
public record Started(String migration, String versionSchema, boolean completed) {
}
