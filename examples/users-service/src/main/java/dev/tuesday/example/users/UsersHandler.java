package dev.tuesday.example.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API: {@code GET /users/{id}}, {@code GET /users?after=&limit=}, {@code POST /users} and
 * {@code PUT /users/{id}}, with JSON bodies whose name field is {@code name} (v1) or
 * {@code full_name} (v2). Every request may carry {@code ?delay=1s} to answer slowly.
 */
final class UsersHandler implements HttpHandler {

    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_LIMIT = 100;

    private final UsersRepository users;
    private final String nameField;
    private final Faults faults;
    private final ObjectMapper json = new ObjectMapper();
    private final LongAdder answered = new LongAdder();

    UsersHandler(UsersRepository users, ApiVersion version, Faults faults) {
        this.users = users;
        this.nameField = version.nameColumn();
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Answer answer;
            try {
                faults.pause(query.containsKey("delay") ? ServiceSettings.duration("delay", query.get("delay")) : Duration.ZERO);
                answer = faults.failThisOne() ? Answer.error(500, "injected failure") : route(exchange, query);
            } catch (BadRequest e) {
                answer = Answer.error(400, e.getMessage());
            } catch (IllegalArgumentException e) {
                answer = Answer.error(400, e.getMessage());
            } catch (SQLException e) {
                boolean unavailable = e.getSQLState() != null && e.getSQLState().startsWith("08");
                answer = Answer.error(unavailable ? 503 : 500, unavailable ? "database unavailable" : "database error " + e.getSQLState());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = Answer.error(503, "interrupted");
            }
            send(exchange, answer);
            answered.increment();
        }
    }

    /** The API requests answered in full so far (the response body written and closed). */
    long answered() {
        return answered.sum();
    }

    private Answer route(HttpExchange exchange, Map<String, String> query) throws IOException, SQLException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/users") || path.equals("/users/")) {
            return switch (method) {
                case "GET" -> list(query);
                case "POST" -> create(exchange.getRequestBody());
                default -> Answer.error(405, method + " is not allowed on /users");
            };
        }
        long id = id(path);
        return switch (method) {
            case "GET" -> users.find(id).map(u -> Answer.ok(200, user(u))).orElseGet(() -> notFound(id));
            case "PUT" -> update(id, exchange.getRequestBody());
            default -> Answer.error(405, method + " is not allowed on /users/{id}");
        };
    }

    private Answer list(Map<String, String> query) throws SQLException {
        long after = number(query, "after", 0);
        long limit = number(query, "limit", 20);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequest("limit must be from 1 to " + MAX_LIMIT);
        }
        List<User> page = users.list(after, (int) limit);
        ObjectNode body = json.createObjectNode();
        ArrayNode array = body.putArray("users");
        page.forEach(u -> array.add(user(u)));
        if (page.size() == limit) {
            body.put("next", page.get(page.size() - 1).id());
        } else {
            body.putNull("next");
        }
        return Answer.ok(200, body);
    }

    private Answer create(InputStream in) throws IOException, SQLException {
        JsonNode body = body(in);
        return Answer.ok(201, user(users.create(text(body, nameField), text(body, "email"))));
    }

    private Answer update(long id, InputStream in) throws IOException, SQLException {
        JsonNode body = body(in);
        Optional<User> updated = users.update(id, text(body, nameField), text(body, "email"));
        return updated.map(u -> Answer.ok(200, user(u))).orElseGet(() -> notFound(id));
    }

    private ObjectNode user(User u) {
        ObjectNode node = json.createObjectNode();
        node.put("id", u.id());
        node.put(nameField, u.name());
        node.put("email", u.email());
        return node;
    }

    private JsonNode body(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new BadRequest("body is larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new BadRequest("body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequest("body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequest("field " + field + " must be a string");
        }
        return value.asText();
    }

    private static long id(String path) {
        String tail = path.substring("/users/".length());
        try {
            return Long.parseLong(tail);
        } catch (NumberFormatException e) {
            throw new BadRequest("user id must be a number, got '" + tail + "'");
        }
    }

    private static long number(Map<String, String> query, String name, long fallback) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a number, got '" + v + "'");
        }
    }

    private static Answer notFound(long id) {
        return Answer.error(404, "user " + id + " not found");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            }
        }
        return params;
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = json.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Answer(int status, JsonNode body) {
        static Answer ok(int status, JsonNode body) {
            return new Answer(status, body);
        }

        static Answer error(int status, String message) {
            return new Answer(status, JsonNodeFactory.instance.objectNode().put("error", message));
        }
    }

    /** A request the service cannot act on; answered with 400 and the message. */
    private static final class BadRequest extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
