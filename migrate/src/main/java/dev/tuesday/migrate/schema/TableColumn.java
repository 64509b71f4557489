package dev.tuesday.migrate.schema;

/**
 * A column as the catalog describes it. {@code type} is PostgreSQL's own spelling
 * ({@code format_type}, e.g. {@code character varying(20)}); {@code defaultValue},
 * {@code generatedExpression}, {@code identity} ({@code ALWAYS} or {@code BY DEFAULT}) and
 * {@code comment} are null when absent.
 */
public record TableColumn(String name, String type, boolean nullable, String defaultValue, String generatedExpression,
        String identity, String comment) {

    /** The same column under another name. */
    public TableColumn withName(String newName) {
        return new TableColumn(newName, type, nullable, defaultValue, generatedExpression, identity, comment);
    }

    /** The same column with another type. */
    public TableColumn withType(String newType) {
        return new TableColumn(name, newType, nullable, defaultValue, generatedExpression, identity, comment);
    }

    /** The same column, nullable or not. */
    public TableColumn withNullable(boolean isNullable) {
        return new TableColumn(name, type, isNullable, defaultValue, generatedExpression, identity, comment);
    }

    /** The same column with another default (null: none). */
    public TableColumn withDefault(String newDefault) {
        return new TableColumn(name, type, nullable, newDefault, generatedExpression, identity, comment);
    }

    /** The same column with another comment (null: none). */
    public TableColumn withComment(String newComment) {
        return new TableColumn(name, type, nullable, defaultValue, generatedExpression, identity, newComment);
    }
}
