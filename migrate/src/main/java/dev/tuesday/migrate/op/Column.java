package dev.tuesday.migrate.op;

/**
 * A column of {@code create_table} or {@code add_column}. {@code defaultValue}, {@code check},
 * {@code references}, {@code comment} and {@code generated} may be null. pgroll's default for
 * {@code nullable} is false.
 */
public record Column(String name, String type, boolean nullable, boolean pk, boolean unique, String defaultValue,
        CheckConstraint check, ForeignKeyReference references, String comment, Generated generated) {
}
