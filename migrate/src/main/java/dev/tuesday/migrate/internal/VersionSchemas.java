package dev.tuesday.migrate.internal;

import java.util.stream.Collectors;

/**
 * A version schema: one simple view per table, naming the physical columns as the version names
 * them. Simple views are updatable by PostgreSQL itself, so applications insert, update and
 * delete through them with no trigger; the table's defaults and identity still apply.
 */
public final class VersionSchemas {

    private VersionSchemas() {
    }

    /** The SQL that creates {@code versionSchema} with a view per table of {@code schema}. */
    public static String create(SchemaModel schema, String versionSchema) {
        StringBuilder sql = new StringBuilder("CREATE SCHEMA " + Sql.ident(versionSchema));
        for (TableModel table : schema.tables()) {
            String columns = table.columns().stream()
                    .map(c -> Sql.ident(c.physical()) + " AS " + Sql.ident(c.name()))
                    .collect(Collectors.joining(", "));
            sql.append(";\nCREATE VIEW ").append(Sql.qualified(versionSchema, table.name())).append(" AS SELECT ")
                    .append(columns).append(" FROM ").append(Sql.qualified(schema.name(), table.physical()));
        }
        return sql.toString();
    }

    /** The SQL that drops {@code versionSchema} and its views, if it exists. */
    public static String drop(String versionSchema) {
        return "DROP SCHEMA IF EXISTS " + Sql.ident(versionSchema) + " CASCADE";
    }
}
