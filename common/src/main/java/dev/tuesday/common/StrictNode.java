package dev.tuesday.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One mapping of a Tuesday file being read (a release plan, the balancer's configuration): hands
 * out its fields by name, typed, remembers which were asked for, and {@link #rejectUnknown()
 * rejects the others} with a did-you-mean, so a misspelt field is an error naming it rather than
 * a silent default. Every error names the field by its dotted path ({@code backends[1].url}); the
 * format turns it into its own exception, which also names the file ({@link Failure}).
 */
public final class StrictNode {

    /** Makes a format's own exception for a problem at a field. */
    @FunctionalInterface
    public interface Failure {
        /**
         * @param field the field at fault, dotted ({@code strategy.steps[0].weight}), or null for the whole file
         * @param problem what is wrong with it
         */
        RuntimeException at(String field, String problem);
    }

    private final Failure failure;
    private final String path;
    private final JsonNode node;
    private final Set<String> asked = new HashSet<>();

    private StrictNode(Failure failure, String path, JsonNode node) {
        this.failure = failure;
        this.path = path;
        this.node = node;
    }

    /**
     * The top of a file; {@code expected} says what it holds, for the error when it is not a
     * mapping (e.g. {@code "fields such as from, to, strategy"}).
     */
    public static StrictNode root(JsonNode node, String expected, Failure failure) {
        if (node == null || !node.isObject()) {
            throw failure.at(null, "must be a YAML mapping (" + expected + ")");
        }
        return new StrictNode(failure, "", node);
    }

    /** The problem {@code problem} at {@code field} of this mapping (null: the mapping itself). */
    public RuntimeException error(String field, String problem) {
        return failure.at(field == null ? (path.isEmpty() ? null : path) : qualify(field), problem);
    }

    /** The dotted path of {@code field} of this mapping. */
    public String qualify(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Whether {@code field} is given (and not null). */
    public boolean has(String field) {
        asked.add(field);
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** The mapping under {@code field}, if given. */
    public Optional<StrictNode> object(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw error(field, "must be a mapping");
        }
        return Optional.of(new StrictNode(failure, qualify(field), value));
    }

    /** The mapping under {@code field}; an error when it is missing. */
    public StrictNode requiredObject(String field) {
        return object(field).orElseThrow(() -> error(field, "is required"));
    }

    /** The text of {@code field} (a number or word is read as its text), if given. */
    public Optional<String> string(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isValueNode() || value.isBoolean()) {
            throw error(field, "must be text");
        }
        return Optional.of(value.asText());
    }

    /** The text of {@code field}; an error when it is missing. */
    public String requiredString(String field) {
        return string(field).orElseThrow(() -> error(field, "is required"));
    }

    /** The text of {@code field} read by {@code parse}, whose {@link IllegalArgumentException} names the field. */
    public <T> Optional<T> parsed(String field, Function<String, T> parse) {
        Optional<String> text = string(field);
        try {
            return text.map(parse);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    /** {@code field} as an int, if given. */
    public Optional<Integer> integer(String field) {
        return whole(field).map(value -> {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw error(field, "must be a whole number, not '" + value + "'");
            }
            return value.intValue();
        });
    }

    /** {@code field} as a long, if given. */
    public Optional<Long> whole(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(field, "must be a whole number, not '" + value.asText() + "'");
        }
        return Optional.of(value.longValue());
    }

    /** {@code field} as a number, if given. */
    public Optional<Double> decimal(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw error(field, "must be a number, not '" + value.asText() + "'");
        }
        return Optional.of(value.doubleValue());
    }

    /** {@code field} as a duration in Tuesday's grammar ({@link Durations}), if given. */
    public Optional<Duration> duration(String field) {
        return parsed(field, Durations::parse);
    }

    /** {@code field} as a list of text, if given. */
    public Optional<List<String>> strings(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error(field, "must be a list");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isValueNode() || value.get(i).isNull()) {
                throw error(field + "[" + i + "]", "must be text");
            }
            items.add(value.get(i).asText());
        }
        return Optional.of(items);
    }

    /** The mappings of the list under {@code field} (empty when not given). */
    public List<StrictNode> objects(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error(field, "must be a list");
        }
        List<StrictNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                throw error(field + "[" + i + "]", "must be a mapping");
            }
            items.add(new StrictNode(failure, qualify(field) + "[" + i + "]", value.get(i)));
        }
        return items;
    }

    /** The raw value of {@code field} (null when absent), for values a format reads itself. */
    public JsonNode raw(String field) {
        asked.add(field);
        return node.get(field);
    }

    /** Every field of this mapping, for free-form maps such as {@code env}. */
    public Iterator<Map.Entry<String, JsonNode>> entries() {
        return node.fields();
    }

    /** Fails on the first field nobody asked for, naming the closest known one. */
    public void rejectUnknown() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!asked.contains(name)) {
                throw error(name, "unknown field" + Suggestions.didYouMean(name, asked)
                        + " (known here: " + String.join(", ", new TreeSet<>(asked)) + ")");
            }
        }
    }
}
