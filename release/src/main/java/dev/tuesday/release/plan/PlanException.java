package dev.tuesday.release.plan;

import dev.tuesday.common.FileFieldException;
import java.nio.file.Path;

/**
 * A release plan that cannot be used: the file ({@code null} for a plan built in code, named
 * "plan"), the field at fault and what is wrong.
 */
public final class PlanException extends FileFieldException {

    /**
     * @param file    the plan file, {@code null} for a plan built in code
     * @param field   the field at fault, dotted ({@code to.instances}), or {@code null} for the whole file
     * @param problem what is wrong with it
     */
    public PlanException(Path file, String field, String problem) {
        super(file, "plan", field, problem);
    }
}
