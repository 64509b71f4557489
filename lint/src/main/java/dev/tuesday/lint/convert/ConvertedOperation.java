package dev.tuesday.lint.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One operation written for a statement of the SQL file, as it goes into the migration file.
 *
 * @param line the 1-based line of the statement (or of its action) it comes from
 * @param kind the operation's key, e.g. {@code rename_column}
 * @param body the operation's fields in the migration file's format
 * @param todos the fields of {@code body} a person must write (dotted paths, e.g. {@code up} or
 *     {@code up.email}); each holds a value starting with {@link #TODO}
 */
public record ConvertedOperation(int line, String kind, ObjectNode body, List<String> todos) {

    /** How a value a person must write starts; such a value is no valid SQL, so it cannot be started by mistake. */
    public static final String TODO = "TODO: ";

    public ConvertedOperation {
        todos = List.copyOf(todos);
    }
}
