package dev.tuesday.migrate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the tables of one schema from the catalog into a {@link SchemaModel} for planning. */
public final class CatalogReader {

    private static final String COLUMNS = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                   CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
             WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
             ORDER BY c.relname, a.attnum""";

    private static final String PRIMARY_KEYS = """
            SELECT c.relname, a.attname
              FROM pg_index i
              JOIN pg_class c ON c.oid = i.indrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
             WHERE n.nspname = ? AND i.indisprimary
             ORDER BY c.relname, k.position""";

    private static final String PARTITIONS = """
            SELECT c.relname, ln.nspname, l.relname
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN LATERAL pg_partition_tree(c.oid) t ON t.isleaf
              LEFT JOIN pg_class l ON l.oid = t.relid
              LEFT JOIN pg_namespace ln ON ln.oid = l.relnamespace
             WHERE n.nspname = ? AND c.relkind = 'p' AND NOT c.relispartition
             ORDER BY c.relname, l.relname""";

    private CatalogReader() {
    }

    /** The tables of {@code schema}, in name order. */
    public static SchemaModel read(Connection connection, String schema) throws SQLException {
        Map<String, List<ColumnModel>> columns = new LinkedHashMap<>();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(2);
                    columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                            new ColumnModel(column, column, rs.getString(3), rs.getBoolean(4), rs.getString(5)));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(PRIMARY_KEYS)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        Map<String, List<TableModel.Partition>> partitions = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(PARTITIONS)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<TableModel.Partition> leaves = partitions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    if (rs.getString(3) != null) {
                        leaves.add(new TableModel.Partition(rs.getString(2), rs.getString(3)));
                    }
                }
            }
        }
        List<TableModel> tables = new ArrayList<>();
        columns.forEach((table, cols) -> tables.add(new TableModel(table, table, cols, keys.getOrDefault(table, List.of()),
                partitions.get(table))));
        return new SchemaModel(schema, tables);
    }
}
