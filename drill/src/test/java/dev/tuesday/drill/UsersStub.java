package dev.tuesday.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A users API in memory for drill tests, with faults on purpose: it can acknowledge writes it
 * does not keep, keep something else than it acknowledged, or answer under {@code full_name}
 * instead of {@code name} (as v2 does after the rename).
 */
final class UsersStub implements AutoCloseable {

    enum Fault {
        /** A correct service. */
        NONE,
        /** POST answers 201 with an id and the data sent, but keeps nothing. */
        DROP_CREATES,
        /** POST keeps the row with another name than the one sent and acknowledged. */
        ALTER_CREATES,
        /** PUT answers 200 but keeps the old data. */
        DROP_UPDATES
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestService server;
    private final Map<Long, ObjectNode> rows = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicLong requests = new AtomicLong();
    private volatile Fault fault = Fault.NONE;
    private volatile String nameField = "name";

    UsersStub() throws Exception {
        server = new TestService(this::handle);
    }

    URI uri() {
        return server.uri();
    }

    UsersStub fault(Fault fault) {
        this.fault = fault;
        return this;
    }

    /** Answers with the name under {@code full_name} from now on, as v2 does. */
    void switchToFullName() {
        nameField = "full_name";
    }

    long requests() {
        return requests.get();
    }

    int rowsKept() {
        return rows.size();
    }

    private TestService.Answer handle(String method, String path, String query, String body) throws Exception {
        requests.incrementAndGet();
        if (path.equals("/users") && method.equals("POST")) {
            return create(JSON.readTree(body));
        }
        if (path.equals("/users") && method.equals("GET")) {
            return list(query);
        }
        if (path.startsWith("/users/")) {
            long id = Long.parseLong(path.substring("/users/".length()));
            if (method.equals("GET")) {
                ObjectNode row = rows.get(id);
                return row == null ? new TestService.Answer(404, "{}") : new TestService.Answer(200, render(row).toString());
            }
            if (method.equals("PUT")) {
                return update(id, JSON.readTree(body));
            }
        }
        return new TestService.Answer(404, "{}");
    }

    private TestService.Answer create(JsonNode body) {
        long id = ids.incrementAndGet();
        ObjectNode row = JSON.createObjectNode();
        row.put("id", id);
        row.put("name", body.path(nameField).asText());
        row.put("email", body.path("email").asText());
        ObjectNode acknowledged = render(row);
        if (fault == Fault.ALTER_CREATES) {
            row.put("name", "someone else");
        }
        if (fault != Fault.DROP_CREATES) {
            rows.put(id, row);
        }
        return new TestService.Answer(201, acknowledged.toString());
    }

    private TestService.Answer update(long id, JsonNode body) {
        ObjectNode row = rows.get(id);
        if (row == null) {
            return new TestService.Answer(404, "{}");
        }
        ObjectNode updated = row.deepCopy();
        updated.put("name", body.path(nameField).asText());
        updated.put("email", body.path("email").asText());
        if (fault != Fault.DROP_UPDATES) {
            rows.put(id, updated);
        }
        return new TestService.Answer(200, render(updated).toString());
    }

    private TestService.Answer list(String rawQuery) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        long after = Long.parseLong(query.getOrDefault("after", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
        ArrayNode page = JSON.createArrayNode();
        rows.entrySet().stream().filter(e -> e.getKey() > after).limit(limit).forEach(e -> page.add(render(e.getValue())));
        return new TestService.Answer(200, page.toString());
    }

    private ObjectNode render(ObjectNode row) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", row.get("id").asLong());
        out.put(nameField, row.get("name").asText());
        out.put("email", row.get("email").asText());
        return out;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
