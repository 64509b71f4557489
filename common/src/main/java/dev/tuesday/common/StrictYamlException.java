package dev.tuesday.common;

/**
 * YAML text that {@link StrictYaml} refuses, with the field at fault. The readers of each kind of
 * file turn it into their own exception, which also names the file.
 */
public final class StrictYamlException extends RuntimeException {
    private final String field;
    private final String problem;

    /**
     * @param field   the field at fault, dotted ({@code backends[1].url}), or {@code null} for the whole text
     * @param problem what is wrong with it
     */
    public StrictYamlException(String field, String problem) {
        super((field == null ? "" : field + ": ") + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The field at fault, dotted, or {@code null} for the whole text. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field. */
    public String problem() {
        return problem;
    }
}
