package dev.tuesday.migrate;

import dev.tuesday.common.Suggestions;
import dev.tuesday.migrate.op.Operation;
import java.util.List;

/**
 * Maps one entry of {@code operations} (an object with exactly one key, the operation's kind) to
 * its record, through the registry {@link Operation#KINDS}: each record reads its own fields, with
 * the format's defaults. The value records shared by several operations (columns, constraints,
 * references) are read by {@link ValueReader}.
 */
final class OperationReader {

    /** The operation kinds of the format, in the order the specification lists them. */
    private static final List<String> NAMES = Operation.KINDS.stream().map(Operation.Kind::name).toList();

    private OperationReader() {
    }

    static Operation read(FormatNode entry) {
        List<String> keys = entry.object().fieldNames();
        if (keys.size() != 1) {
            throw entry.fail("an operation is an object with exactly one key, its kind (add_column, "
                    + "rename_column, ...); got " + (keys.isEmpty() ? "none" : keys.size() + ": " + String.join(", ", keys)));
        }
        String kind = keys.get(0);
        Operation.Kind known = Operation.KINDS.stream().filter(k -> k.name().equals(kind)).findFirst()
                .orElseThrow(() -> entry.fail("unknown operation \"" + kind + "\"" + Suggestions.didYouMean(kind, NAMES)));
        return known.read().apply(entry.required(kind));
    }
}
