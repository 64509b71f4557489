package dev.tuesday.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuesday.common.Suggestions;
import dev.tuesday.migrate.op.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object of a migration document with its path ({@code operations[1].alter_column}), read
 * strictly: every accessor names the file and the path when a field is missing, unknown or of the
 * wrong type. Reading by hand from the tree, rather than binding, is what makes the messages precise.
 *
 * <p>Public so that each operation record ({@code dev.tuesday.migrate.op}) can read its own body
 * ({@code static Xxx read(FormatNode)}); only the reader of a file makes one (there is no public
 * constructor). Every accessor that fails throws a {@link MigrationFileException}.
 */
public final class FormatNode {

    private final String file;
    private final String path;
    private final JsonNode node;

    private FormatNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The document's root, which must be an object whose fields are all in {@code known}. */
    static FormatNode root(String file, JsonNode node, String... known) {
        return new FormatNode(file, "", node).object(known);
    }

    String path() {
        return path;
    }

    /** Fails with {@code reason} at this node's path. */
    public MigrationFileException fail(String reason) {
        return new MigrationFileException(file, path, reason);
    }

    /** Fails with {@code reason} at {@code field} of this node. */
    public MigrationFileException fail(String field, String reason) {
        return new MigrationFileException(file, childPath(field), reason);
    }

    /** Checks that this node is an object (with any fields). */
    public FormatNode object() {
        if (!node.isObject()) {
            throw fail("expected an object, got " + describe(node));
        }
        return this;
    }

    /** Checks that this node is an object with no field outside {@code known}. */
    public FormatNode object(String... known) {
        object();
        List<String> knownList = Arrays.asList(known);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!knownList.contains(name)) {
                throw fail("unknown field \"" + name + "\"" + Suggestions.didYouMean(name, knownList));
            }
        }
        return this;
    }

    /** The names of this object's fields, in document order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Whether this object has {@code field} (with any value, null included). */
    public boolean has(String field) {
        return node.has(field);
    }

    /** A child that must be present; its path is this path plus {@code field}. */
    public FormatNode required(String field) {
        if (!node.has(field)) {
            throw fail("missing required field \"" + field + "\"");
        }
        return new FormatNode(file, childPath(field), node.get(field));
    }

    /** A child, or null when absent. */
    public FormatNode optional(String field) {
        return node.has(field) ? required(field) : null;
    }

    /** This node as a string (not null, not a number: SQL and names are quoted in the file). */
    public String text() {
        if (!node.isTextual()) {
            String hint = node.isNumber() || node.isBoolean() ? " (put it in quotes)" : "";
            throw fail("expected a string, got " + describe(node) + hint);
        }
        return node.textValue();
    }

    /** The string {@code field}, which must be present (see {@link #text()}). */
    public String requiredString(String field) {
        return required(field).text();
    }

    /** An optional string; absent and empty both give null (the format's default is ""). */
    public String optionalString(String field) {
        FormatNode child = optional(field);
        if (child == null) {
            return null;
        }
        String text = child.text();
        return text.isEmpty() ? null : text;
    }

    /** A string that may also be an explicit null: absent → null, null → {@code Patch(null)}. */
    public Patch<String> patch(String field) {
        FormatNode child = optional(field);
        if (child == null) {
            return null;
        }
        return new Patch<>(child.node.isNull() ? null : child.text());
    }

    /** The boolean {@code field}; absent gives {@code defaultValue}. */
    public boolean bool(String field, boolean defaultValue) {
        Boolean value = optionalBool(field);
        return value == null ? defaultValue : value;
    }

    /** The boolean {@code field}, or null when absent. */
    public Boolean optionalBool(String field) {
        FormatNode child = optional(field);
        if (child == null) {
            return null;
        }
        if (!child.node.isBoolean()) {
            throw child.fail("expected true or false, got " + describe(child.node));
        }
        return child.node.booleanValue();
    }

    /**
     * A string from a closed set; absent gives {@code defaultValue}. A value that differs only
     * by case or by a typo is rejected with a suggestion.
     */
    public String choice(String field, String defaultValue, List<String> allowed) {
        FormatNode child = optional(field);
        if (child == null) {
            return defaultValue;
        }
        String value = child.text();
        if (value.isEmpty()) {
            // The format's defaults for these fields are "", meaning "not given".
            return defaultValue;
        }
        if (!allowed.contains(value)) {
            throw child.fail("\"" + value + "\" is not one of " + String.join(", ", allowed)
                    + Suggestions.didYouMean(value, allowed));
        }
        return value;
    }

    /** The elements of an array field (absent: empty unless {@code mandatory}). */
    public List<FormatNode> array(String field, boolean mandatory) {
        FormatNode child = mandatory ? required(field) : optional(field);
        if (child == null) {
            return List.of();
        }
        if (!child.node.isArray()) {
            throw child.fail("expected an array, got " + describe(child.node));
        }
        List<FormatNode> items = new ArrayList<>();
        for (int i = 0; i < child.node.size(); i++) {
            items.add(new FormatNode(file, child.path + "[" + i + "]", child.node.get(i)));
        }
        return items;
    }

    /** The strings of an array field (absent: empty unless {@code mandatory}). */
    public List<String> stringList(String field, boolean mandatory) {
        return array(field, mandatory).stream().map(FormatNode::text).toList();
    }

    /** An object of strings, e.g. {@code up: {column: expression}}, in document order. */
    public Map<String, String> stringMap(String field, boolean mandatory) {
        FormatNode child = mandatory ? required(field) : optional(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (child == null) {
            return map;
        }
        if (!child.node.isObject()) {
            throw child.fail("expected an object of column: expression, got " + describe(child.node));
        }
        for (String name : child.fieldNames()) {
            map.put(name, child.required(name).text());
        }
        return map;
    }

    /** Whether {@code field} holds its type's empty value ("", false, {} or []). */
    boolean isEmptyValue(String field) {
        JsonNode value = node.get(field);
        return value != null && ((value.isTextual() && value.textValue().isEmpty())
                || (value.isBoolean() && !value.booleanValue()) || (value.isContainerNode() && value.isEmpty()));
    }

    /** Whether this node is an object (and not, say, an array). */
    public boolean isObjectNode() {
        return node.isObject();
    }

    /** Whether this node is a string. */
    public boolean isText() {
        return node.isTextual();
    }

    private String childPath(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
