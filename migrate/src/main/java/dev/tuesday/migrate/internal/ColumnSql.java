package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.CheckConstraint;
import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.ForeignKeyReference;
import dev.tuesday.migrate.op.Generated;

/**
 * SQL fragments for column definitions and single-column constraints, shared by the plans of
 * {@code create_table}, {@code add_column} and {@code alter_column}. Identifiers are quoted;
 * expressions are inserted as given, in parentheses.
 */
public final class ColumnSql {

    private ColumnSql() {
    }

    /**
     * {@code "name" type [NOT NULL] [DEFAULT …] [GENERATED …]}; constraints are rendered separately
     * so that callers can add them {@code NOT VALID} when the table already holds rows.
     */
    public static String definition(Column column, boolean withNotNull) {
        StringBuilder sql = new StringBuilder(Sql.ident(column.name())).append(' ').append(column.type());
        if (withNotNull && !column.nullable()) {
            sql.append(" NOT NULL");
        }
        if (column.defaultValue() != null) {
            sql.append(" DEFAULT (").append(column.defaultValue()).append(')');
        }
        Generated generated = column.generated();
        if (generated != null) {
            if (generated.expression() != null) {
                sql.append(" GENERATED ALWAYS AS (").append(generated.expression()).append(") STORED");
            } else {
                Generated.Identity identity = generated.identity();
                String mode = identity == null || identity.userSpecifiedValues() == null ? "BY DEFAULT"
                        : identity.userSpecifiedValues();
                sql.append(" GENERATED ").append(mode).append(" AS IDENTITY");
                if (identity != null && identity.sequenceOptions() != null && !identity.sequenceOptions().isBlank()) {
                    sql.append(" (").append(identity.sequenceOptions()).append(')');
                }
            }
        }
        return sql.toString();
    }

    /** {@code CONSTRAINT "name" CHECK (…) [NO INHERIT]}. */
    public static String check(CheckConstraint check) {
        return "CONSTRAINT " + Sql.ident(check.name()) + " CHECK (" + check.constraint() + ")"
                + (check.noInherit() ? " NO INHERIT" : "");
    }

    /** {@code CONSTRAINT "name" FOREIGN KEY ("column") REFERENCES …}. */
    public static String foreignKey(String schema, String column, ForeignKeyReference fk) {
        return "CONSTRAINT " + Sql.ident(fk.name()) + " FOREIGN KEY (" + Sql.ident(column) + ")"
                + references(schema, fk);
    }

    /** {@code REFERENCES schema.table (column) MATCH … ON DELETE … ON UPDATE … [DEFERRABLE …]}. */
    public static String references(String schema, ForeignKeyReference fk) {
        StringBuilder sql = new StringBuilder(" REFERENCES ").append(Sql.qualified(schema, fk.table()))
                .append(" (").append(Sql.ident(fk.column())).append(')');
        if (fk.matchType() != null) {
            sql.append(" MATCH ").append(fk.matchType());
        }
        if (fk.onDelete() != null) {
            sql.append(" ON DELETE ").append(fk.onDelete());
        }
        if (fk.onUpdate() != null) {
            sql.append(" ON UPDATE ").append(fk.onUpdate());
        }
        if (fk.deferrable()) {
            sql.append(" DEFERRABLE INITIALLY ").append(fk.initiallyDeferred() ? "DEFERRED" : "IMMEDIATE");
        }
        return sql.toString();
    }
}
