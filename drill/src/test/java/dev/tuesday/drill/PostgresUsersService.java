package dev.tuesday.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A users service of the v1 shape (JSON and column {@code name}) on real PostgreSQL, for drill
 * tests. It can be told to roll back every insert while answering 201, a write lost on purpose.
 */
final class PostgresUsersService implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HikariDataSource pool;
    private final TestService http;
    private volatile boolean rollBackCreates;

    PostgresUsersService(DataSource database) throws Exception {
        try (Connection c = database.getConnection()) {
            c.createStatement().execute("CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, email text)");
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(database);
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(5_000);
        pool = new HikariDataSource(config);
        http = new TestService(this::answer);
    }

    URI uri() {
        return http.uri();
    }

    /** From now on inserts are rolled back, though the answer is still 201 with the new id. */
    void rollBackCreates() {
        rollBackCreates = true;
    }

    long rowsInTable() throws SQLException {
        try (Connection c = pool.getConnection(); ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM users")) {
            r.next();
            return r.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    private TestService.Answer answer(String method, String path, String query, String body) throws Exception {
        try (Connection c = pool.getConnection()) {
            if (path.equals("/users") && method.equals("POST")) {
                return create(c, JSON.readTree(body));
            }
            if (path.equals("/users") && method.equals("GET")) {
                return list(c, query);
            }
            if (path.startsWith("/users/")) {
                long id = Long.parseLong(path.substring("/users/".length()));
                return method.equals("PUT") ? update(c, id, JSON.readTree(body)) : find(c, id);
            }
            return new TestService.Answer(404, "{}");
        } catch (SQLException e) {
            return new TestService.Answer(500, JSON.createObjectNode().put("error", e.getSQLState()).toString());
        }
    }

    private TestService.Answer create(Connection c, JsonNode body) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO users (name, email) VALUES (?, ?) RETURNING id, name, email")) {
            s.setString(1, body.path("name").asText());
            s.setString(2, body.path("email").asText());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                String user = user(r).toString();
                if (rollBackCreates) {
                    c.rollback();
                } else {
                    c.commit();
                }
                return new TestService.Answer(201, user);
            }
        } finally {
            c.setAutoCommit(true);
        }
    }

    private TestService.Answer update(Connection c, long id, JsonNode body) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE users SET name = ?, email = ? WHERE id = ? RETURNING id, name, email")) {
            s.setString(1, body.path("name").asText());
            s.setString(2, body.path("email").asText());
            s.setLong(3, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new TestService.Answer(200, user(r).toString()) : new TestService.Answer(404, "{}");
            }
        }
    }

    private TestService.Answer find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, email FROM users WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new TestService.Answer(200, user(r).toString()) : new TestService.Answer(404, "{}");
            }
        }
    }

    private TestService.Answer list(Connection c, String rawQuery) throws SQLException {
        Map<String, String> q = new HashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, email FROM users WHERE id > ? ORDER BY id LIMIT ?")) {
            s.setLong(1, Long.parseLong(q.getOrDefault("after", "0")));
            s.setInt(2, Integer.parseInt(q.getOrDefault("limit", "10")));
            ObjectNode page = JSON.createObjectNode();
            ArrayNode users = page.putArray("users");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    users.add(user(r));
                }
            }
            return new TestService.Answer(200, page.toString());
        }
    }

    private static ObjectNode user(ResultSet r) throws SQLException {
        return JSON.createObjectNode().put("id", r.getLong(1)).put("name", r.getString(2)).put("email", r.getString(3));
    }

    @Override
    public void close() throws Exception {
        http.close();
        pool.close();
    }
}
