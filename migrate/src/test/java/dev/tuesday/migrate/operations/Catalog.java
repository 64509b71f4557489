package dev.tuesday.migrate.operations;

/** Queries the cases use to look at the physical schema. */
final class Catalog {

    private Catalog() {
    }

    /** Rows {@code name|type|not null|default} of {@code table} (a regclass literal such as {@code public.users}). */
    static String columns(String table) {
        return "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = " + regclass(table) + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    }

    /**
     * Rows {@code name|type letter|validated} of the constraints of {@code table}, NOT NULL aside
     * (PostgreSQL 18 lists them as constraints too; {@link #columns} shows them on every version).
     */
    static String constraints(String table) {
        return "SELECT conname, contype, convalidated FROM pg_constraint WHERE conrelid = " + regclass(table)
                + " AND contype <> 'n' ORDER BY conname";
    }

    /** Rows {@code name|definition} of the indexes of {@code table}. */
    static String indexes(String table) {
        return "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = " + regclass(table) + " ORDER BY c.relname";
    }

    /** One row: whether {@code relation} exists. */
    static String exists(String relation) {
        return "SELECT to_regclass('" + relation.replace("'", "''") + "') IS NOT NULL";
    }

    private static String regclass(String table) {
        return "'" + table.replace("'", "''") + "'::regclass";
    }
}
