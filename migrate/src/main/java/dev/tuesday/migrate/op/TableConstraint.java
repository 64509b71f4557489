package dev.tuesday.migrate.op;

import java.util.List;

/**
 * A constraint of {@code create_table}. Depending on {@code type}: {@code check} (the expression),
 * {@code references} (foreign keys), {@code exclude} (exclusion), {@code indexParameters}
 * (unique / primary key / exclude); the others are null.
 */
public record TableConstraint(String name, ConstraintType type, List<String> columns, boolean deferrable,
        boolean initiallyDeferred, boolean nullsNotDistinct, boolean noInherit, String check,
        TableForeignKeyReference references, Exclude exclude, IndexParameters indexParameters) {
    public TableConstraint {
        columns = List.copyOf(columns);
    }

    /** An exclusion constraint: {@code EXCLUDE USING indexMethod (elements) WHERE (predicate)}. */
    public record Exclude(String indexMethod, String elements, String predicate) {
    }
}
