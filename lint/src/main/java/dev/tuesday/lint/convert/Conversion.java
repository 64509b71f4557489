package dev.tuesday.lint.convert;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link DdlConverter} made of one SQL file: the operations, in statement order, and the
 * statements it could not convert. A statement is converted whole or not at all.
 *
 * @param source the SQL file's name, for messages
 * @param operations the operations of the migration
 * @param unconverted the statements left out, in file order
 */
public record Conversion(String source, List<ConvertedOperation> operations, List<Unconverted> unconverted) {

    public Conversion {
        operations = List.copyOf(operations);
        unconverted = List.copyOf(unconverted);
    }

    /** Whether every statement was converted. */
    public boolean complete() {
        return unconverted.isEmpty();
    }

    /**
     * Every value a person must write, as its path in the migration file, e.g.
     * {@code operations[2].alter_column.up}.
     */
    public List<String> todos() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            ConvertedOperation op = operations.get(i);
            for (String field : op.todos()) {
                paths.add("operations[" + i + "]." + op.kind() + "." + field);
            }
        }
        return paths;
    }
}
