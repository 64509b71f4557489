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
        try (PreparedStatement ps = c.prepareStatement(end(last != null ? values(null) : null, size))) {
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
    public String nextQuery(boolean after, int size) {
        return end(after ? values("$1") : null, size);
    }

    @Override
    public String rangeQuery(boolean from, boolean to) {
        return range(from ? values("$1") : null, to ? values("$2") : null);
    }

    /**
     * The query of the key {@code size} rows after the key {@code after} (its values, as {@link
     * #values} writes them) or after the start (null). The size is part of the text: with a
     * parameter instead, a generic plan would not know how far the index scan goes.
     */
    private String end(String after, int size) {
        String textKey = key.columns().stream().map(k -> Sql.ident(k) + "::text").collect(Collectors.joining(", "));
        return "SELECT ARRAY[" + textKey + "] FROM " + table + (after != null ? " WHERE " + compare(">", after) : "")
                + " ORDER BY " + Sql.identList(key.columns()) + " OFFSET " + (size - 1) + " LIMIT 1";
    }

    @Override
    public String range(List<String> last, List<String> next) {
        return range(last != null ? values(null) : null, next != null ? values(null) : null);
    }

    /** The condition of the keys after {@code from} up to {@code to}, each as {@link #values} writes it or null. */
    private String range(String from, String to) {
        List<String> conditions = new ArrayList<>();
        if (from != null) {
            conditions.add(compare(">", from));
        }
        if (to != null) {
            conditions.add(compare("<=", to));
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

    private String compare(String operator, String values) {
        return "(" + Sql.identList(key.columns()) + ") " + operator + " (" + values + ")";
    }

    /**
     * A key's values cast to the key's types: from the elements of the {@code text[]} parameter
     * {@code array} ({@code $1}), or from one {@code ?} parameter each when it is null.
     */
    private String values(String array) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < key.types().size(); i++) {
            values.add("CAST(" + (array == null ? "?" : array + "[" + (i + 1) + "]") + " AS " + key.types().get(i) + ")");
        }
        return String.join(", ", values);
    }

    private static int bindKey(PreparedStatement ps, int index, List<String> values) throws SQLException {
        for (String v : values) {
            ps.setString(index++, v);
        }
        return index;
    }
}
