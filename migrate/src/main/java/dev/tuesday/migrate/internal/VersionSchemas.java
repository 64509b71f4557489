package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    public static String create(Schema schema, String versionSchema) {
        StringBuilder sql = new StringBuilder("CREATE SCHEMA " + Sql.ident(versionSchema));
        for (Table table : schema.tables().values()) {
            sql.append(";\nCREATE VIEW ").append(Sql.qualified(versionSchema, table.name())).append(" AS SELECT ")
                    .append(columns(table)).append(" FROM ").append(Sql.qualified(schema.name(), table.physical()));
        }
        return sql.toString();
    }

    /**
     * The SQL that creates {@code versionSchema} after {@code sql} operations have run at start:
     * they may have created tables or added columns that the plan cannot know, so the views are
     * made when the step runs. Each table of the schema gets its planned columns plus every column
     * the catalog then shows that was neither there before ({@code before}, physical names per
     * table) nor planned, nor a helper of Tuesday's; each table the schema lacks gets a view of all
     * its columns.
     */
    public static String createAfterSql(Schema schema, String versionSchema, Map<String, List<String>> before) {
        StringBuilder body = new StringBuilder("DECLARE\n  extra text;\n  r record;\nBEGIN\n");
        // Tables the migration drops are hidden, not new: every table there before counts as known.
        Set<String> known = new TreeSet<>(before.keySet());
        for (Table table : schema.tables().values()) {
            known.add(table.physical());
            Set<String> planned = new TreeSet<>(before.getOrDefault(table.physical(), List.of()));
            table.columns().forEach(c -> planned.add(c.physical()));
            body.append("  SELECT string_agg(', ' || quote_ident(attname), '' ORDER BY attnum) INTO extra\n")
                    .append("    FROM pg_attribute WHERE attrelid = ")
                    .append(Sql.literal(Sql.qualified(schema.name(), table.physical()))).append("::regclass\n")
                    .append("     AND attnum > 0 AND NOT attisdropped AND left(attname, 9) <> '_tuesday_'\n")
                    .append("     AND NOT attname::text = ANY (").append(textArray(planned)).append(");\n")
                    .append("  EXECUTE ").append(Sql.literal("CREATE VIEW " + Sql.qualified(versionSchema, table.name())
                            + " AS SELECT " + columns(table))).append(" || coalesce(extra, '') || ")
                    .append(Sql.literal(" FROM " + Sql.qualified(schema.name(), table.physical()))).append(";\n");
        }
        body.append("  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n")
                .append("    WHERE n.nspname = ").append(Sql.literal(schema.name()))
                .append(" AND c.relkind IN ('r', 'p') AND NOT c.relispartition\n")
                .append("      AND NOT c.relname::text = ANY (").append(textArray(known)).append(")\n  LOOP\n")
                .append("    EXECUTE format('CREATE VIEW %I.%I AS SELECT * FROM %I.%I', ").append(Sql.literal(versionSchema))
                .append(", r.relname, ").append(Sql.literal(schema.name())).append(", r.relname);\n  END LOOP;\nEND");
        return "CREATE SCHEMA " + Sql.ident(versionSchema) + ";\nDO " + Sql.dollarQuoted(body.toString());
    }

    /** The SQL that drops {@code versionSchema} and its views, if it exists. */
    public static String drop(String versionSchema) {
        return "DROP SCHEMA IF EXISTS " + Sql.ident(versionSchema) + " CASCADE";
    }

    private static String columns(Table table) {
        return table.columns().stream().map(c -> Sql.ident(c.physical()) + " AS " + Sql.ident(c.name()))
                .collect(Collectors.joining(", "));
    }

    private static String textArray(Set<String> names) {
        return "ARRAY[" + names.stream().map(Sql::literal).collect(Collectors.joining(", ")) + "]::text[]";
    }
}
