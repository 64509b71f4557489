package dev.tuesday.migrate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Walks a table that has no usable key by physical position: batches are ranges of pages
 * ({@code ctid >= '(p,0)' AND ctid < '(q,0)'}, a TID range scan on PostgreSQL 14+), up to the
 * table's size when the walk began. Rows written after that carry the sync trigger's values
 * already; a row the backfill itself moves to a later page has been filled.
 */
final class CtidWalk implements BatchWalk {

    private final long pages;
    private final double rowsPerPage;

    CtidWalk(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_relation_size(?::regclass)"
                + " / current_setting('block_size')::bigint, greatest(reltuples, 0), greatest(relpages, 1)"
                + " FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                pages = rs.getLong(1);
                rowsPerPage = rs.getDouble(2) > 0 ? rs.getDouble(2) / rs.getLong(3) : 100;
            }
        }
    }

    @Override
    public List<String> next(Connection connection, List<String> last, int size) {
        long end = start(last) + step(size);
        return end >= pages ? null : List.of(Long.toString(end));
    }

    @Override
    public String range(List<String> last, List<String> next) {
        long end = next == null ? pages : Long.parseLong(next.getFirst());
        return "ctid >= '(" + start(last) + ",0)'::tid AND ctid < '(" + end + ",0)'::tid";
    }

    @Override
    public int bind(PreparedStatement ps, List<String> last, List<String> next) {
        // Page numbers are ours, not user input: they are part of the SQL text.
        return 1;
    }

    @Override
    public String nextQuery(boolean after, int size) {
        return "SELECT CASE WHEN e >= " + pages + " THEN NULL ELSE ARRAY[e::text] END FROM (SELECT "
                + (after ? "CAST($1[1] AS bigint)" : "0") + " + " + step(size) + " AS e) s";
    }

    @Override
    public String rangeQuery(boolean from, boolean to) {
        return "ctid >= CAST('(' || " + (from ? "$1[1]" : "'0'") + " || ',0)' AS tid) AND ctid < CAST('(' || "
                + (to ? "$2[1]" : "'" + pages + "'") + " || ',0)' AS tid)";
    }

    /** The pages a batch of about {@code size} rows spans: at least one. */
    private long step(int size) {
        return Math.max(1, (long) (size / rowsPerPage));
    }

    private static long start(List<String> last) {
        return last == null ? 0 : Long.parseLong(last.getFirst());
    }
}
