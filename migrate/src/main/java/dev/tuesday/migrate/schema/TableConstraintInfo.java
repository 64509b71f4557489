package dev.tuesday.migrate.schema;

import dev.tuesday.migrate.op.ConstraintType;
import java.util.List;

/**
 * A constraint of a table as the catalog describes it: primary key, unique, check, foreign key or
 * exclusion (PostgreSQL 18's catalogued NOT NULL constraints are columns' {@code nullable} here).
 * {@code definition} is {@code pg_get_constraintdef}. The foreign-key fields
 * ({@code referencedSchema}, {@code referencedTable}, {@code referencedColumns}, the actions as SQL
 * words) are null or empty for the other types; {@code index} names the index behind a primary
 * key, unique or exclusion constraint (null otherwise).
 */
public record TableConstraintInfo(String name, ConstraintType type, List<String> columns, String definition,
        String referencedSchema, String referencedTable, List<String> referencedColumns, String matchType,
        String onDelete, String onUpdate, boolean deferrable, boolean initiallyDeferred, boolean validated,
        boolean noInherit, String index) {

    public TableConstraintInfo {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    /** The same constraint under another name. */
    public TableConstraintInfo withName(String newName) {
        return new TableConstraintInfo(newName, type, columns, definition, referencedSchema, referencedTable,
                referencedColumns, matchType, onDelete, onUpdate, deferrable, initiallyDeferred, validated, noInherit,
                index);
    }

    /** The same constraint with its columns (and referenced columns, for a self reference) renamed. */
    TableConstraintInfo withColumns(List<String> newColumns, List<String> newReferencedColumns) {
        return new TableConstraintInfo(name, type, newColumns, definition, referencedSchema, referencedTable,
                newReferencedColumns, matchType, onDelete, onUpdate, deferrable, initiallyDeferred, validated,
                noInherit, index);
    }

    /** The same foreign key pointing at a renamed table. */
    TableConstraintInfo withReferencedTable(String table) {
        return new TableConstraintInfo(name, type, columns, definition, referencedSchema, table, referencedColumns,
                matchType, onDelete, onUpdate, deferrable, initiallyDeferred, validated, noInherit, index);
    }
}
