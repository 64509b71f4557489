package dev.tuesday.migrate;

/**
 * A migration file that cannot be read: missing, malformed YAML or JSON, or not in the format
 * (unknown operation or field, wrong type, missing required field, bad enum value).
 *
 * <p>The message is one line, {@code <file>[:<line>:<column>]: [<path>: ]<reason>}, for example
 * {@code 02_x.yaml: operations[1].alter_column: unknown field "nulable" (did you mean "nullable"?)}
 * or {@code 02_x.yaml:3:7: malformed YAML: mapping values are not allowed here}.
 */
public final class MigrationFileException extends MigrationException {

    private final String file;
    private final String path;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * A problem at {@code path} (e.g. {@code operations[1].alter_column}; empty for the whole
     * file) of {@code file}; {@code line} and {@code column} are 1-based, or 0 when unknown.
     */
    public MigrationFileException(String file, String path, int line, int column, String reason, Throwable cause) {
        super(format(file, path, line, column, reason), cause);
        this.file = file;
        this.path = path == null ? "" : path;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** A problem at {@code path} of {@code file}, with no position in the text. */
    public MigrationFileException(String file, String path, String reason) {
        this(file, path, 0, 0, reason, null);
    }

    private static String format(String file, String path, int line, int column, String reason) {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line).append(':').append(column);
        }
        b.append(": ");
        if (path != null && !path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(reason).toString();
    }

    /** The file's name as given to the reader (e.g. {@code 02_x.yaml}). */
    public String file() {
        return file;
    }

    /** Where in the document, e.g. {@code operations[1].alter_column}; empty for the whole file. */
    public String path() {
        return path;
    }

    /** The 1-based line of a syntax error, or 0 when the problem is not tied to a position. */
    public int line() {
        return line;
    }

    /** The 1-based column of a syntax error, or 0 when the problem is not tied to a position. */
    public int column() {
        return column;
    }

    /** What is wrong, without the file and path prefix. */
    public String reason() {
        return reason;
    }
}
