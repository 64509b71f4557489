package dev.tuesday.balancer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin API, JSON over HTTP on a loopback address:
 * <pre>
 * GET    /metrics                  Prometheus text (no token: read-only, loopback only)
 * GET    /backends                 list with state, weight and counters
 * GET    /versions                 counters per version, backends removed since included
 * POST   /backends                 {"id":"a","url":"http://127.0.0.1:9001","version":"v1","weight":100}
 * PUT    /backends/{id}/weight     {"weight":10}
 * POST   /backends/{id}/drain      202; the backend finishes its requests in flight
 * DELETE /backends/{id}            202; drains, then forgets the backend
 * </pre>
 * Everything but {@code /metrics} needs {@code Authorization: Bearer <token>}; without it, 401.
 * The bodies are {@link AdminWire}'s records; counters carry their latency histogram
 * ({@code latencyMicros}), and {@link AdminClient} reads them back.
 */
final class AdminHandler extends Handler.Abstract {
    private static final ObjectMapper JSON = AdminWire.JSON;

    private final Balancer balancer;
    private final byte[] token;

    AdminHandler(Balancer balancer, String token) {
        this.balancer = balancer;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals("/metrics") && method.equals("GET")) {
            send(response, callback, 200, PrometheusText.CONTENT_TYPE, balancer.prometheusText());
            return true;
        }
        if (!authorized(request)) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            error(response, callback, HttpStatus.UNAUTHORIZED_401, "missing or wrong bearer token");
            return true;
        }
        try {
            route(request, response, callback, method, path);
        } catch (NoSuchBackendException e) {
            error(response, callback, HttpStatus.NOT_FOUND_404, e.getMessage());
        } catch (DuplicateBackendException e) {
            error(response, callback, HttpStatus.CONFLICT_409, e.getMessage());
        } catch (JacksonException e) {
            error(response, callback, HttpStatus.BAD_REQUEST_400, "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            error(response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback, String method, String path) throws Exception {
        String[] parts = path.split("/");
        // "/backends" -> ["", "backends"]; "/backends/a/weight" -> ["", "backends", "a", "weight"]
        if (path.equals("/versions") && !method.equals("GET")) {
            error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, method + " " + path + " is not an admin operation");
        } else if (path.equals("/versions")) {
            json(response, callback, 200, balancer.metrics().byVersion().entrySet().stream()
                    .map(e -> AdminWire.Version.of(e.getKey(), e.getValue())).toList());
        } else if (parts.length < 2 || !parts[1].equals("backends")) {
            error(response, callback, HttpStatus.NOT_FOUND_404, "no such admin resource: " + path);
        } else if (parts.length == 2 && method.equals("GET")) {
            json(response, callback, 200, balancer.backends().stream().map(AdminWire.Backend::of).toList());
        } else if (parts.length == 2 && method.equals("POST")) {
            JsonNode body = body(request);
            BackendSpec spec = new BackendSpec(required(body, "id"), URI.create(required(body, "url")),
                    required(body, "version"), body.path("weight").asInt(100));
            balancer.addBackend(spec);
            json(response, callback, 201, AdminWire.Backend.of(balancer.backend(spec.id())));
        } else if (parts.length == 3 && method.equals("DELETE")) {
            balancer.removeBackend(parts[2]);
            json(response, callback, 202, new AdminWire.Removing(parts[2], true));
        } else if (parts.length == 4 && parts[3].equals("weight") && (method.equals("PUT") || method.equals("POST"))) {
            JsonNode weight = body(request).get("weight");
            if (weight == null || !weight.canConvertToInt() || !weight.isIntegralNumber()) {
                throw new IllegalArgumentException("body must be {\"weight\": <whole number>}");
            }
            balancer.setWeight(parts[2], weight.intValue());
            json(response, callback, 200, AdminWire.Backend.of(balancer.backend(parts[2])));
        } else if (parts.length == 4 && parts[3].equals("drain") && method.equals("POST")) {
            balancer.drain(parts[2]);
            json(response, callback, 202, AdminWire.Backend.of(balancer.backend(parts[2])));
        } else {
            error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, method + " " + path + " is not an admin operation");
        }
    }

    private boolean authorized(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        // Constant time, so the token cannot be guessed one byte at a time from response times.
        return MessageDigest.isEqual(given, token);
    }

    private static JsonNode body(Request request) throws Exception {
        String text = Content.Source.asString(request, StandardCharsets.UTF_8);
        JsonNode node = JSON.readTree(text.isBlank() ? "{}" : text);
        if (!node.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        return node;
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is required (text)");
        }
        return value.asText();
    }

    private static void json(Response response, Callback callback, int status, Object body) throws Exception {
        send(response, callback, status, "application/json", JSON.writeValueAsString(body) + "\n");
    }

    private static void error(Response response, Callback callback, int status, String message) {
        String body = JSON.valueToTree(new AdminWire.Refusal(message)).toString() + "\n";
        send(response, callback, status, "application/json", body);
    }

    private static void send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
