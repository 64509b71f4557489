package dev.tuesday.example.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code users} table as this version sees it. Table and column names are unqualified on
 * purpose: the connection's {@code search_path} (the version schema) decides which view they mean.
 */
final class UsersRepository {

    private final DataSource dataSource;
    private final String nameColumn;

    UsersRepository(DataSource dataSource, ApiVersion version) {
        this.dataSource = dataSource;
        this.nameColumn = version.nameColumn();
    }

    Optional<User> find(long id) throws SQLException {
        String sql = "SELECT id, " + nameColumn + ", email FROM users WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Up to {@code limit} users with an id greater than {@code after}, by id. */
    List<User> list(long after, int limit) throws SQLException {
        String sql = "SELECT id, " + nameColumn + ", email FROM users WHERE id > ? ORDER BY id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, after);
            s.setInt(2, limit);
            List<User> users = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    users.add(read(rs));
                }
            }
            return users;
        }
    }

    User create(String name, String email) throws SQLException {
        String sql = "INSERT INTO users (" + nameColumn + ", email) VALUES (?, ?) RETURNING id, " + nameColumn + ", email";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            s.setString(2, email);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    Optional<User> update(long id, String name, String email) throws SQLException {
        String sql = "UPDATE users SET " + nameColumn + " = ?, email = ? WHERE id = ? RETURNING id, " + nameColumn + ", email";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            s.setString(2, email);
            s.setLong(3, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static User read(ResultSet rs) throws SQLException {
        return new User(rs.getLong(1), rs.getString(2), rs.getString(3));
    }
}
