package dev.tuesday.migrate.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Walks a key in order: the end of a batch is the key as many rows after the last one as the batch holds
 * (an index scan), and a batch is a key range, so the UPDATE is an index range scan too.
 * Composite keys compare as rows. Keys travel as text and are cast back to the column's type.
 */
record KeyWalk(String table, BackfillKey key) implements BatchWalk {

    @Override
    public List<String> next(Connection c, List<String> last, int size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(end(last != null, size))) {
            if (last != null) {
                bindKey(ps, 1, last);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Array array = rs.getArray(1);
                return List.of((String[]) array.getArray());
            }
        }
    }

    @Override
    public String ahead(int size) {
        return "(" + end(true, size) + ")";
    }

    @Override
    public int bindAhead(PreparedStatement ps, int index, List<String> next) throws SQLException {
        return bindKey(ps, index, next);
    }

    /**
     * The query of the key {@code size} rows after a key ({@code after}: bound as a parameter) or
     * after the start. The size is part of the text: with a parameter instead, a generic plan
     * would not know how far the index scan goes.
     */
    private String end(boolean after, int size) {
        String textKey = key.columns().stream().map(k -> Sql.ident(k) + "::text").collect(Collectors.joining(", "));
        return "SELECT ARRAY[" + textKey + "] FROM " + table + (after ? " WHERE " + after(">") : "")
                + " ORDER BY " + Sql.identList(key.columns()) + " OFFSET " + (size - 1) + " LIMIT 1";
    }

    @Override
    public String range(List<String> last, List<String> next) {
        List<String> conditions = new ArrayList<>();
        if (last != null) {
            conditions.add(after(">"));
        }
        if (next != null) {
            conditions.add(after("<="));
        }
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    @Override
    public int bind(PreparedStatement ps, List<String> last, List<String> next) throws SQLException {
        int index = 1;
        if (last != null) {
            index = bindKey(ps, index, last);
        }
        if (next != null) {
            index = bindKey(ps, index, next);
        }
        return index;
    }

    private String after(String operator) {
        String values = key.types().stream().map(t -> "CAST(? AS " + t + ")").collect(Collectors.joining(", "));
        return "(" + Sql.identList(key.columns()) + ") " + operator + " (" + values + ")";
    }

    private static int bindKey(PreparedStatement ps, int index, List<String> values) throws SQLException {
        for (String v : values) {
            ps.setString(index++, v);
        }
        return index;
    }
}
