package dev.tuesday.migrate.schema;

import java.util.List;

/**
 * A column as the catalog describes it. {@code type} is PostgreSQL's own spelling
 * ({@code format_type}, e.g. {@code character varying(20)}); {@code defaultValue},
 * {@code generatedExpression}, {@code identity} ({@code ALWAYS} or {@code BY DEFAULT}) and
 * {@code comment} are null when absent.
 *
 * <p>While a migration is planned, {@code name} is what the new version calls the column and
 * {@code physical} its name in the table: they differ after a rename, and for a shadow column
 * that stands in for the original until complete. {@code completePhysical} is the column's
 * physical name once the other complete steps of the migration have run and before its renames:
 * a shadow column's is the original's name. As read from the catalog, all three are the same.
 *
 * <p>{@code dependents} is what stands on the column as read from the catalog (indexes,
 * constraints, views, foreign keys of other tables, …); a column the migration adds has none.
 * It stays with the column through renames and shadows, as the objects stay on the stored column.
 */
public record TableColumn(String name, String type, boolean nullable, String defaultValue, String generatedExpression,
        String identity, String comment, String physical, String completePhysical, List<DependentObject> dependents) {

    public TableColumn {
        dependents = List.copyOf(dependents);
    }

    /** A column as the catalog shows it, stored under its own name, with nothing standing on it. */
    public TableColumn(String name, String type, boolean nullable, String defaultValue, String generatedExpression,
            String identity, String comment) {
        this(name, type, nullable, defaultValue, generatedExpression, identity, comment, name, name, List.of());
    }

    /** The same column with {@code standing} as what stands on it. */
    public TableColumn withDependents(List<DependentObject> standing) {
        return new TableColumn(name, type, nullable, defaultValue, generatedExpression, identity, comment, physical,
                completePhysical, standing);
    }

    /** The same column under another name (where it is stored does not change). */
    public TableColumn withName(String newName) {
        return new TableColumn(newName, type, nullable, defaultValue, generatedExpression, identity, comment, physical,
                completePhysical, dependents);
    }

    /** The same column with another type. */
    public TableColumn withType(String newType) {
        return new TableColumn(name, newType, nullable, defaultValue, generatedExpression, identity, comment, physical,
                completePhysical, dependents);
    }

    /** The same column, nullable or not. */
    public TableColumn withNullable(boolean isNullable) {
        return new TableColumn(name, type, isNullable, defaultValue, generatedExpression, identity, comment, physical,
                completePhysical, dependents);
    }

    /** The same column with another default (null: none). */
    public TableColumn withDefault(String newDefault) {
        return new TableColumn(name, type, nullable, newDefault, generatedExpression, identity, comment, physical,
                completePhysical, dependents);
    }

    /** The same column with another comment (null: none). */
    public TableColumn withComment(String newComment) {
        return new TableColumn(name, type, nullable, defaultValue, generatedExpression, identity, newComment, physical,
                completePhysical, dependents);
    }

    /**
     * The same column stored until complete as {@code newPhysical} (a shadow column); its name
     * after complete does not change.
     */
    public TableColumn withPhysical(String newPhysical) {
        return new TableColumn(name, type, nullable, defaultValue, generatedExpression, identity, comment, newPhysical,
                completePhysical, dependents);
    }
}
