package dev.tuesday.common;

import java.nio.file.Path;

/**
 * A Tuesday file that cannot be used: the file, the field at fault and what is wrong, in one line
 * a user can act on, for example {@code release.yaml: strategy.rolling.maxSurge: must be at least
 * 0, not -1}. Each kind of file has its own subclass, so that callers can tell them apart.
 */
public abstract class FileFieldException extends RuntimeException {
    private final transient Path file;
    private final String field;

    /**
     * @param file    the file, or {@code null} for one built in code
     * @param unnamed what the message names instead of a file that is {@code null} ({@code "plan"})
     * @param field   the field at fault, dotted ({@code backends[1].url}), or {@code null} for the whole file
     * @param problem what is wrong with it
     */
    protected FileFieldException(Path file, String unnamed, String field, String problem) {
        super((file == null ? unnamed : file.toString()) + (field == null ? "" : ": " + field) + ": " + problem);
        this.file = file;
        this.field = field;
    }

    /** The file, or {@code null} for one built in code. */
    public Path file() {
        return file;
    }

    /** The field at fault, dotted, or {@code null} for the whole file. */
    public String field() {
        return field;
    }
}
