package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.IndexParameters;
import dev.tuesday.migrate.op.TableConstraint;
import dev.tuesday.migrate.op.TableForeignKeyReference;

/** SQL for the table-level constraints of {@code create_table} and {@code create_constraint}. */
public final class TableConstraints {

    private TableConstraints() {
    }

    /** {@code CONSTRAINT "name" …} for one constraint of {@code schema}. */
    public static String render(String schema, TableConstraint c) {
        StringBuilder sql = new StringBuilder("CONSTRAINT ").append(Sql.ident(c.name())).append(' ');
        switch (c.type()) {
            case CHECK -> sql.append("CHECK (").append(c.check()).append(')').append(c.noInherit() ? " NO INHERIT" : "");
            case UNIQUE -> sql.append("UNIQUE").append(c.nullsNotDistinct() ? " NULLS NOT DISTINCT" : "")
                    .append(" (").append(Sql.identList(c.columns())).append(')').append(index(c.indexParameters()));
            case PRIMARY_KEY -> sql.append("PRIMARY KEY (").append(Sql.identList(c.columns())).append(')')
                    .append(index(c.indexParameters()));
            case FOREIGN_KEY -> sql.append("FOREIGN KEY (").append(Sql.identList(c.columns())).append(')')
                    .append(references(schema, c.references()));
            case EXCLUDE -> {
                TableConstraint.Exclude e = c.exclude();
                sql.append("EXCLUDE USING ").append(e.indexMethod() == null ? "btree" : e.indexMethod()).append(" (")
                        .append(e.elements()).append(')').append(index(c.indexParameters()));
                if (e.predicate() != null) {
                    sql.append(" WHERE (").append(e.predicate()).append(')');
                }
            }
        }
        if (c.deferrable()) {
            sql.append(" DEFERRABLE INITIALLY ").append(c.initiallyDeferred() ? "DEFERRED" : "IMMEDIATE");
        }
        return sql.toString();
    }

    private static String references(String schema, TableForeignKeyReference r) {
        StringBuilder sql = new StringBuilder(" REFERENCES ").append(Sql.qualified(schema, r.table())).append(" (")
                .append(Sql.identList(r.columns())).append(')');
        if (r.matchType() != null) {
            sql.append(" MATCH ").append(r.matchType());
        }
        if (r.onDelete() != null) {
            sql.append(" ON DELETE ").append(r.onDelete());
            if (!r.onDeleteSetColumns().isEmpty()) {
                sql.append(" (").append(Sql.identList(r.onDeleteSetColumns())).append(')');
            }
        }
        if (r.onUpdate() != null) {
            sql.append(" ON UPDATE ").append(r.onUpdate());
        }
        return sql.toString();
    }

    private static String index(IndexParameters p) {
        if (p == null) {
            return "";
        }
        StringBuilder sql = new StringBuilder();
        if (!p.includeColumns().isEmpty()) {
            sql.append(" INCLUDE (").append(Sql.identList(p.includeColumns())).append(')');
        }
        if (p.storageParameters() != null && !p.storageParameters().isBlank()) {
            sql.append(" WITH (").append(p.storageParameters()).append(')');
        }
        if (p.tablespace() != null && !p.tablespace().isBlank()) {
            sql.append(" USING INDEX TABLESPACE ").append(Sql.ident(p.tablespace()));
        }
        return sql.toString();
    }
}
