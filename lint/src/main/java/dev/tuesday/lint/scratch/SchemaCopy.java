package dev.tuesday.lint.scratch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a live database's schema from its catalog as DDL, in an order that loads: extensions,
 * schemas, enums, sequences, tables (columns, defaults), constraints (foreign keys last), indexes,
 * views. Functions and triggers are left out; a check of the running version's queries needs the
 * tables, not the code behind them.
 */
final class SchemaCopy {

    private SchemaCopy() {}

    private static final String USER_NAMESPACES = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname <> 'tuesday'";

    static List<String> ddl(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String ext : strings(c, "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'")) {
            out.add("CREATE EXTENSION IF NOT EXISTS " + q(ext));
        }
        for (String schema : strings(c, "SELECT n.nspname FROM pg_namespace n WHERE " + USER_NAMESPACES
                + " AND n.nspname <> 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = n.oid "
                + "AND d.deptype = 'e') ORDER BY 1")) {
            out.add("CREATE SCHEMA IF NOT EXISTS " + q(schema));
        }
        out.addAll(strings(c, "SELECT 'CREATE TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) "
                + "|| ' AS ENUM (' || string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) || ')' "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid "
                + "WHERE " + USER_NAMESPACES + " GROUP BY n.nspname, t.typname"));
        out.addAll(strings(c, "SELECT 'CREATE SEQUENCE IF NOT EXISTS ' || quote_ident(n.nspname) || '.' "
                + "|| quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind = 'S' AND " + USER_NAMESPACES));
        out.addAll(tables(c));
        out.addAll(strings(c, "SELECT 'ALTER TABLE ' || quote_ident(n.nspname) || '.' || quote_ident(t.relname) "
                + "|| ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid) "
                + "FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE k.contype IN ('p', 'u', 'c', 'x', 'f') AND t.relkind IN ('r', 'p') AND " + USER_NAMESPACES
                + " ORDER BY CASE k.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'f' THEN 3 ELSE 2 END, k.oid"));
        out.addAll(strings(c, "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid "
                + "JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NAMESPACES
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY x.oid"));
        out.addAll(strings(c, "SELECT 'CREATE VIEW ' || quote_ident(n.nspname) || '.' || quote_ident(v.relname) "
                + "|| ' AS ' || pg_get_viewdef(v.oid) FROM pg_class v JOIN pg_namespace n ON n.oid = v.relnamespace "
                + "WHERE v.relkind = 'v' AND " + USER_NAMESPACES + " ORDER BY v.oid"));
        return out;
    }

    private static List<String> tables(Connection c) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname), quote_ident(a.attname), "
                        + "format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), "
                        + "a.attidentity, a.attgenerated "
                        + "FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace "
                        + "LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped "
                        + "LEFT JOIN pg_attrdef d ON d.adrelid = t.oid AND d.adnum = a.attnum "
                        + "WHERE t.relkind IN ('r', 'p') AND NOT t.relispartition AND " + USER_NAMESPACES
                        + " ORDER BY t.oid, a.attnum")) {
            while (rs.next()) {
                List<String> cols = columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                if (rs.getString(2) == null) {
                    continue;
                }
                StringBuilder col = new StringBuilder(rs.getString(2)).append(' ').append(rs.getString(3));
                String identity = rs.getString(6);
                String generated = rs.getString(7);
                if (identity != null && !identity.isEmpty()) {
                    col.append(identity.equals("a") ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
                } else if (generated != null && generated.equals("s")) {
                    col.append(" GENERATED ALWAYS AS (").append(rs.getString(5)).append(") STORED");
                } else if (rs.getString(5) != null) {
                    col.append(" DEFAULT ").append(rs.getString(5));
                }
                if (rs.getBoolean(4)) {
                    col.append(" NOT NULL");
                }
                cols.add(col.toString());
            }
        }
        List<String> out = new ArrayList<>();
        columns.forEach((table, cols) -> out.add("CREATE TABLE " + table + " (" + String.join(", ", cols) + ")"));
        return out;
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String q(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }
}
