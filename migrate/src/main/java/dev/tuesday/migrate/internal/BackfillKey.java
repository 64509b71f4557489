package dev.tuesday.migrate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a backfill walks: the primary key, else a unique NOT NULL column, else the physical row
 * position ({@code ctid}, walked page by page).
 *
 * @param columns physical key columns (empty for ctid)
 * @param types their SQL types, as {@code format_type} prints them
 */
record BackfillKey(List<String> columns, List<String> types) {

    boolean isCtid() {
        return columns.isEmpty();
    }

    static BackfillKey of(Connection c, String qualifiedTable) throws SQLException {
        BackfillKey pk = query(c, qualifiedTable, "i.indisprimary");
        if (!pk.columns().isEmpty()) {
            return pk;
        }
        BackfillKey unique = query(c, qualifiedTable, "i.indisunique AND i.indisvalid AND i.indpred IS NULL"
                + " AND i.indexprs IS NULL AND i.indnatts = 1 AND a.attnotnull");
        if (!unique.columns().isEmpty()) {
            return new BackfillKey(unique.columns().subList(0, 1), unique.types().subList(0, 1));
        }
        return new BackfillKey(List.of(), List.of());
    }

    private static BackfillKey query(Connection c, String table, String condition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE i.indrelid = ?::regclass AND " + condition + " ORDER BY i.indexrelid, k.position")) {
            ps.setString(1, table);
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    types.add(rs.getString(2));
                }
            }
            return new BackfillKey(columns, types);
        }
    }
}
