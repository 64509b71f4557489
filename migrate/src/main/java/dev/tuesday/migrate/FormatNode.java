package dev.tuesday.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuesday.common.StrictNode;
import dev.tuesday.common.Suggestions;
import dev.tuesday.migrate.op.Patch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a migration document with its path ({@code operations[1].alter_column}), read
 * strictly in the format's own terms: values are typed as in JSON (a name or SQL must be a
 * string), {@code ""} means "not given", an explicit {@code null} clears a setting
 * ({@link Patch}), and each object's fields are declared up front ({@link #object(String...)}).
 * The path, the children and the search for an undeclared field are the shared strict reader's
 * ({@link StrictNode}); the words of every message are the format's, e.g.
 * {@code unknown field "nulable" (did you mean "nullable"?)}.
 *
 * <p>Public so that each operation record ({@code dev.tuesday.migrate.op}) can read its own body
 * ({@code static Xxx read(FormatNode)}); only the reader of a file makes one (there is no public
 * constructor). Every accessor that fails throws a {@link MigrationFileException}.
 */
public final class FormatNode {

    private final String file;
    private final StrictNode node;

    private FormatNode(String file, StrictNode node) {
        this.file = file;
        this.node = node;
    }

    /** The document's root, which must be an object whose fields are all in {@code known}. */
    static FormatNode root(String file, JsonNode tree, String... known) {
        StrictNode top = StrictNode.top(tree, (path, reason) -> new MigrationFileException(file, path, reason));
        return new FormatNode(file, top).object(known);
    }

    /** Fails with {@code reason} at this node's path. */
    public MigrationFileException fail(String reason) {
        return new MigrationFileException(file, node.path(), reason);
    }

    /** Fails with {@code reason} at {@code field} of this node. */
    public MigrationFileException fail(String field, String reason) {
        return new MigrationFileException(file, node.qualify(field), reason);
    }

    /** Checks that this node is an object (with any fields). */
    public FormatNode object() {
        if (!node.value().isObject()) {
            throw fail("expected an object, got " + describe(node.value()));
        }
        return this;
    }

    /** Checks that this node is an object with no field outside {@code known}. */
    public FormatNode object(String... known) {
        object();
        List<String> declared = List.of(known);
        node.fieldOutside(declared).ifPresent(name -> {
            throw fail("unknown field \"" + name + "\"" + Suggestions.didYouMean(name, declared));
        });
        return this;
    }

    /** The names of this object's fields, in document order. */
    public List<String> fieldNames() {
        return node.fieldNames();
    }

    /** Whether this object has {@code field} (with any value, null included). */
    public boolean has(String field) {
        return node.value().has(field);
    }

    /** A child that must be present; its path is this path plus {@code field}. */
    public FormatNode required(String field) {
        return node.child(field).map(this::wrap)
                .orElseThrow(() -> fail("missing required field \"" + field + "\""));
    }

    /** A child, or null when absent. */
    public FormatNode optional(String field) {
        return node.child(field).map(this::wrap).orElse(null);
    }

    /** This node as a string (not null, not a number: SQL and names are quoted in the file). */
    public String text() {
        JsonNode value = node.value();
        if (!value.isTextual()) {
            String hint = value.isNumber() || value.isBoolean() ? " (put it in quotes)" : "";
            throw fail("expected a string, got " + describe(value) + hint);
        }
        return value.textValue();
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
        return new Patch<>(child.node.value().isNull() ? null : child.text());
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
        JsonNode value = child.node.value();
        if (!value.isBoolean()) {
            throw child.fail("expected true or false, got " + describe(value));
        }
        return value.booleanValue();
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
        if (!child.node.value().isArray()) {
            throw child.fail("expected an array, got " + describe(child.node.value()));
        }
        return child.node.elements().stream().map(this::wrap).toList();
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
        if (!child.node.value().isObject()) {
            throw child.fail("expected an object of column: expression, got " + describe(child.node.value()));
        }
        for (String name : child.fieldNames()) {
            map.put(name, child.required(name).text());
        }
        return map;
    }

    /** Whether {@code field} holds its type's empty value ("", false, {} or []). */
    boolean isEmptyValue(String field) {
        JsonNode value = node.value().get(field);
        return value != null && ((value.isTextual() && value.textValue().isEmpty())
                || (value.isBoolean() && !value.booleanValue()) || (value.isContainerNode() && value.isEmpty()));
    }

    /** Whether this node is an object (and not, say, an array). */
    public boolean isObjectNode() {
        return node.value().isObject();
    }

    /** Whether this node is a string. */
    public boolean isText() {
        return node.value().isTextual();
    }

    private FormatNode wrap(StrictNode value) {
        return new FormatNode(file, value);
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
