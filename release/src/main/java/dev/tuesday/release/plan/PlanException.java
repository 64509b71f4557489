package dev.tuesday.release.plan;

import java.nio.file.Path;

/**
 * A release plan that cannot be used: the file, the field at fault and what is wrong.
 * Its message is one line a user can act on, for example
 * {@code release.yaml: strategy.rolling.maxSurge: must be at least 0, not -1}.
 */
public final class PlanException extends RuntimeException {
    private final transient Path file;
    private final String field;

    /**
     * @param file    the plan file, {@code null} for a plan built in code
     * @param field   the field at fault, dotted ({@code to.instances}), or {@code null} for the whole file
     * @param problem what is wrong with it
     */
    public PlanException(Path file, String field, String problem) {
        super((file == null ? "plan" : file.toString()) + (field == null ? "" : ": " + field) + ": " + problem);
        this.file = file;
        this.field = field;
    }

    /** The plan file, or {@code null} for a plan built in code. */
    public Path file() {
        return file;
    }

    /** The field at fault, dotted, or {@code null} for the whole file. */
    public String field() {
        return field;
    }
}
