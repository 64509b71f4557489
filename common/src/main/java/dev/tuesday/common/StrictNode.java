package dev.tuesday.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One node of a file being read, with its dotted path ({@code backends[1].url}), for every
 * strict format Tuesday reads: its own YAML files (a release plan, the balancer's configuration)
 * and pgroll's migration files. A problem is reported at a path, and the format turns it into its
 * own exception, which also names the file ({@link Failure}).
 *
 * <p>A mapping's unknown fields are rejected one of two ways, each naming the closest known field:
 * <ul>
 *   <li>asked for: the typed getters here hand out fields by name and remember them, and
 *       {@link #rejectUnknown()} refuses the rest (Tuesday's files, whose scalars are text);</li>
 *   <li>declared: a format that lists a mapping's fields up front finds the first other one with
 *       {@link #fieldOutside} and reads the values itself through {@link #child} and
 *       {@link #elements} (the migration format, whose scalars are typed as in JSON).</li>
 * </ul>
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

    /**
     * The top of a file of any shape, for a format that checks the shape itself and says in its
     * own words what it expected.
     */
    public static StrictNode top(JsonNode node, Failure failure) {
        return new StrictNode(failure, "", node);
    }

    /** This node's dotted path; empty at the top. */
    public String path() {
        return path;
    }

    /** The value of this node, for a format that checks its type itself. */
    public JsonNode value() {
        return node;
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
        return list(field).map(items -> items.stream().map(item -> {
            if (!item.node.isValueNode() || item.node.isNull()) {
                throw item.error(null, "must be text");
            }
            return item.node.asText();
        }).toList());
    }

    /** The mappings of the list under {@code field} (empty when not given). */
    public List<StrictNode> objects(String field) {
        List<StrictNode> items = list(field).orElse(List.of());
        for (StrictNode item : items) {
            if (!item.node.isObject()) {
                throw item.error(null, "must be a mapping");
            }
        }
        return items;
    }

    private Optional<List<StrictNode>> list(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error(field, "must be a list");
        }
        return Optional.of(new StrictNode(failure, qualify(field), value).elements());
    }

    /** The value under {@code field} of this mapping, whatever it is (an explicit null included), if present. */
    public Optional<StrictNode> child(String field) {
        asked.add(field);
        JsonNode value = node.get(field);
        return value == null ? Optional.empty() : Optional.of(new StrictNode(failure, qualify(field), value));
    }

    /** The items of this list, each with its path ({@code columns[2]}); none when this is not a list. */
    public List<StrictNode> elements() {
        if (!node.isArray()) {
            return List.of();
        }
        List<StrictNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new StrictNode(failure, path + "[" + i + "]", node.get(i)));
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

    /** The names of this mapping's fields, in the order the file gives them. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The first field of this mapping, in file order, that is not in {@code known}. */
    public Optional<String> fieldOutside(Collection<String> known) {
        return fieldNames().stream().filter(name -> !known.contains(name)).findFirst();
    }

    /** Fails on the first field nobody asked for, naming the closest known one. */
    public void rejectUnknown() {
        fieldOutside(asked).ifPresent(name -> {
            throw error(name, "unknown field" + Suggestions.didYouMean(name, asked)
                    + " (known here: " + String.join(", ", new TreeSet<>(asked)) + ")");
        });
    }
}
