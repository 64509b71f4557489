package dev.tuesday.migrate.internal;

/**
 * A column as the version being planned sees it.
 *
 * @param name the name the new version uses
 * @param physical the column's name in the table (differs during a rename, or for a shadow column)
 * @param type the SQL type, as {@code format_type} prints it
 * @param nullable whether NULL is allowed
 * @param defaultValue the default expression, or null
 * @param completePhysical the column's physical name once the other complete steps of the
 *        migration have run and before its renames: a shadow column's is the original's name
 */
public record ColumnModel(String name, String physical, String type, boolean nullable, String defaultValue,
        String completePhysical) {

    /** A column whose physical name stays {@code physical} through complete. */
    public ColumnModel(String name, String physical, String type, boolean nullable, String defaultValue) {
        this(name, physical, type, nullable, defaultValue, physical);
    }

    /** This column under another visible name. */
    public ColumnModel renamed(String newName) {
        return new ColumnModel(newName, physical, type, nullable, defaultValue, completePhysical);
    }
}
