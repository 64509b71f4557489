package dev.tuesday.migrate.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.op.Operation;

/** A migration's operations as JSON for the history ({@code [{"rename_column": {...}}, …]}). */
final class OperationsJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private OperationsJson() {
    }

    static String write(Migration m) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Operation op : m.operations()) {
            array.addObject().set(op.kind(), MAPPER.valueToTree(op));
        }
        return array.toString();
    }
}
