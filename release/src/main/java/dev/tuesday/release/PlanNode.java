package dev.tuesday.release;

import dev.tuesday.common.Durations;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mapping of a plan file being read: hands out its fields by name, remembers which were
 * read, and rejects the others, so a misspelt field is an error naming it rather than a silent
 * default.
 */
final class PlanNode {
    private final Path file;
    private final String path;
    private final JsonNode node;
    private final Set<String> known = new HashSet<>();

    private PlanNode(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    static PlanNode root(Path file, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new PlanException(file, null, "must be a YAML mapping (fields such as from, to, strategy)");
        }
        return new PlanNode(file, "", node);
    }

    PlanException error(String field, String problem) {
        return new PlanException(file, field == null ? (path.isEmpty() ? null : path) : qualify(field), problem);
    }

    String qualify(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    Optional<PlanNode> object(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw error(field, "must be a mapping");
        }
        return Optional.of(new PlanNode(file, qualify(field), value));
    }

    PlanNode requiredObject(String field) {
        return object(field).orElseThrow(() -> error(field, "is required"));
    }

    Optional<String> string(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isValueNode() || value.isBoolean()) {
            throw error(field, "must be text");
        }
        return Optional.of(value.asText());
    }

    String requiredString(String field) {
        return string(field).orElseThrow(() -> error(field, "is required"));
    }

    Optional<Integer> integer(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(field, "must be a whole number, not '" + value.asText() + "'");
        }
        return Optional.of(value.intValue());
    }

    Optional<Double> decimal(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw error(field, "must be a number, not '" + value.asText() + "'");
        }
        return Optional.of(value.doubleValue());
    }

    Optional<Duration> duration(String field) {
        Optional<String> text = string(field);
        try {
            return text.map(Durations::parse);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    /** A list of text, or one string split on spaces (double quotes group words). */
    Optional<List<String>> words(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        List<String> words = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    throw error(field, "must be a list of text");
                }
                words.add(item.asText());
            }
        } else if (value.isTextual()) {
            words.addAll(splitWords(value.asText()));
        } else {
            throw error(field, "must be text or a list of text");
        }
        return Optional.of(words);
    }

    List<PlanNode> objects(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error(field, "must be a list");
        }
        List<PlanNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                throw error(field + "[" + i + "]", "must be a mapping");
            }
            items.add(new PlanNode(file, qualify(field) + "[" + i + "]", value.get(i)));
        }
        return items;
    }

    /** Every field of this mapping, for free-form maps such as {@code env}. */
    Iterator<java.util.Map.Entry<String, JsonNode>> entries() {
        return node.fields();
    }

    /** Fails on the first field nobody asked for. */
    void rejectUnknown() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(name, "unknown field (known here: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    static List<String> splitWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
