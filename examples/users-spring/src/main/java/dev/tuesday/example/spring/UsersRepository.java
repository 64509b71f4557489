package dev.tuesday.example.spring;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code users} table as this version sees it. Names are unqualified on purpose: the
 * connection's {@code search_path}, set by the starter to the version schema, decides which view
 * they mean.
 */
final class UsersRepository {

    /** A row of {@code users}; {@code name} is the v1 {@code name} or the v2 {@code full_name}. */
    record User(long id, String name, String email) {
    }

    private static final RowMapper<User> ROW = (rs, n) -> new User(rs.getLong(1), rs.getString(2), rs.getString(3));

    private final JdbcClient jdbc;
    private final String nameColumn;

    UsersRepository(JdbcClient jdbc, ApiVersion version) {
        this.jdbc = jdbc;
        this.nameColumn = version.nameColumn();
    }

    Optional<User> find(long id) {
        return jdbc.sql("SELECT id, " + nameColumn + ", email FROM users WHERE id = ?").param(id).query(ROW).optional();
    }

    /** Up to {@code limit} users with an id greater than {@code after}, by id. */
    List<User> list(long after, int limit) {
        return jdbc.sql("SELECT id, " + nameColumn + ", email FROM users WHERE id > ? ORDER BY id LIMIT ?")
                .param(after).param(limit).query(ROW).list();
    }

    User create(String name, String email) {
        return jdbc.sql("INSERT INTO users (" + nameColumn + ", email) VALUES (?, ?) RETURNING id, " + nameColumn + ", email")
                .param(name).param(email).query(ROW).single();
    }

    Optional<User> update(long id, String name, String email) {
        return jdbc.sql("UPDATE users SET " + nameColumn + " = ?, email = ? WHERE id = ? RETURNING id, " + nameColumn + ", email")
                .param(name).param(email).param(id).query(ROW).optional();
    }
}
