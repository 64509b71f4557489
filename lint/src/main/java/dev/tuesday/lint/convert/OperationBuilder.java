package dev.tuesday.lint.convert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** One operation being written: its fields in file order and the values left for a person. */
final class OperationBuilder {

    private final int line;
    private final String kind;
    private final ObjectNode body = JsonNodeFactory.instance.objectNode();
    private final List<String> todos = new ArrayList<>();

    OperationBuilder(int line, String kind) {
        this.line = line;
        this.kind = kind;
    }

    ObjectNode body() {
        return body;
    }

    /** Sets {@code field} to {@code value}, unless the value is null. */
    OperationBuilder put(String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
        return this;
    }

    /** Leaves {@code field} for a person, with {@code hint} saying what it needs. */
    OperationBuilder todo(String field, String hint) {
        body.put(field, ConvertedOperation.TODO + hint);
        todos.add(field);
        return this;
    }

    /** Leaves {@code field.key} (an entry of a per-column map) for a person. */
    OperationBuilder todo(String field, String key, String hint) {
        ObjectNode map = body.has(field) ? (ObjectNode) body.get(field) : body.putObject(field);
        map.put(key, ConvertedOperation.TODO + hint);
        todos.add(field + "." + key);
        return this;
    }

    ConvertedOperation build() {
        return new ConvertedOperation(line, kind, body, todos);
    }
}
