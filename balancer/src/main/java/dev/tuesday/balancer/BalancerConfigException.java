package dev.tuesday.balancer;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used, with the file and the field at fault.
 * Its message is one line a user can act on.
 */
public final class BalancerConfigException extends RuntimeException {
    private final transient Path file;
    private final String field;

    /**
     * @param file    the configuration file
     * @param field   the field at fault, dotted ({@code backends[1].url}), or {@code null} for the whole file
     * @param problem what is wrong with it
     */
    public BalancerConfigException(Path file, String field, String problem) {
        super(file + (field == null ? "" : ": " + field) + ": " + problem);
        this.file = file;
        this.field = field;
    }

    /** The configuration file. */
    public Path file() {
        return file;
    }

    /** The field at fault, dotted, or {@code null} for the whole file. */
    public String field() {
        return field;
    }
}
