package dev.tuesday.migrate;

import dev.tuesday.migrate.schema.ValidationProblem;

/**
 * A migration that is well formed but does not fit the schema it would run against: a table or
 * column that does not exist, a name already taken, an {@code up} expression that is not valid SQL.
 * Thrown before any DDL runs, so nothing has changed.
 *
 * <p>The message is one line naming the file, the operation and the wrong name:
 * {@code 02_x.yaml: operations[1].alter_column: column "nmae" does not exist in table "users"}.
 */
public final class ValidationException extends MigrationException {

    private final String file;
    private final int operationIndex;
    private final String kind;
    private final ValidationProblem problem;

    /**
     * The operation at {@code operationIndex} (0-based; -1 for the migration as a whole) of kind
     * {@code kind} (e.g. {@code alter_column}) in {@code file} has {@code problem}.
     */
    public ValidationException(String file, int operationIndex, String kind, ValidationProblem problem) {
        super(format(file, operationIndex, kind, problem));
        this.file = file;
        this.operationIndex = operationIndex;
        this.kind = kind;
        this.problem = problem;
    }

    private static String format(String file, int index, String kind, ValidationProblem problem) {
        String where = index < 0 ? "" : "operations[" + index + "]." + kind + ": ";
        return file + ": " + where + problem.message();
    }

    /** The migration's source, as in {@link Migration#source()}. */
    public String file() {
        return file;
    }

    /** The 0-based index of the failing operation, or -1 when the migration as a whole is wrong. */
    public int operationIndex() {
        return operationIndex;
    }

    /** The failing operation's kind, e.g. {@code alter_column}; null when the index is -1. */
    public String kind() {
        return kind;
    }

    /** What is wrong, as data. */
    public ValidationProblem problem() {
        return problem;
    }
}
