package dev.tuesday.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** What a release test reads back from the users service's database. */
final class UsersDatabase {
    private UsersDatabase() {
    }

    /** The physical columns of {@code public.users}. */
    static List<String> columns(DataSource database) throws SQLException {
        return list(database, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users'");
    }

    /** Every schema of the database. */
    static List<String> schemas(DataSource database) throws SQLException {
        return list(database, "SELECT nspname FROM pg_namespace");
    }

    /** The first column of each row {@code sql} returns. */
    static List<String> list(DataSource database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = database.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Every acknowledged write ({@code id -> name}) is in {@code public.users}, in {@code column}; there was at least one. */
    static void assertEveryWriteReadsBack(DataSource database, Map<Long, String> written, String column) throws SQLException {
        List<String> wrong = new ArrayList<>();
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT \"" + column + "\" FROM public.users WHERE id = ?")) {
            for (Map.Entry<Long, String> row : written.entrySet()) {
                s.setLong(1, row.getKey());
                try (ResultSet rs = s.executeQuery()) {
                    String actual = rs.next() ? rs.getString(1) : "<missing>";
                    if (!row.getValue().equals(actual)) {
                        wrong.add(row.getKey() + ": expected '" + row.getValue() + "', found '" + actual + "'");
                    }
                }
            }
        }
        assertThat(written).isNotEmpty();
        assertThat(wrong).isEmpty();
    }
}
