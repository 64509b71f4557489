package dev.tuesday.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The data of one user row as the drill wrote it, and how it is compared with what the service
 * answers: the name under {@code name} (v1) or {@code full_name} (v2), and the email.
 */
record UserValue(String name, String email) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request body: the name under both field names, so v1 and v2 both store it. */
    String toJson() {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("full_name", name);
        body.put("email", email);
        return body.toString();
    }

    /** True when {@code user} holds this name (under either field name) and this email. */
    boolean isIn(JsonNode user) {
        if (user == null || !user.isObject()) {
            return false;
        }
        boolean nameMatches = name.equals(text(user, "name")) || name.equals(text(user, "full_name"));
        return nameMatches && email.equals(text(user, "email"));
    }

    /** The first of {@code candidates} that {@code user} holds, or {@code null}. */
    static UserValue foundIn(JsonNode user, Collection<UserValue> candidates) {
        for (UserValue v : candidates) {
            if (v.isIn(user)) {
                return v;
            }
        }
        return null;
    }

    /** The body parsed as JSON, or {@code null} when it is not JSON. */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The user's {@code id} as text (numbers and strings alike), or {@code null}. */
    static String idOf(JsonNode user) {
        JsonNode id = user == null ? null : user.get("id");
        if (id == null || id.isNull() || id.isContainerNode()) {
            return null;
        }
        String text = id.asText();
        return text.isEmpty() ? null : text;
    }

    /** A short picture of an answer for failure details: its name fields and email. */
    static String describe(JsonNode user) {
        if (user == null || !user.isObject()) {
            return String.valueOf(user);
        }
        String name = user.has("full_name") ? text(user, "full_name") : text(user, "name");
        return "{name=" + name + ", email=" + text(user, "email") + "}";
    }

    @Override
    public String toString() {
        return "{name=" + name + ", email=" + email + "}";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
