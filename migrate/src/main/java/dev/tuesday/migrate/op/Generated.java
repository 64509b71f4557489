package dev.tuesday.migrate.op;

/**
 * A generated column: either {@code GENERATED ALWAYS AS (expression) STORED} (identity null), or
 * an identity column (expression null) with {@code userSpecifiedValues} {@code ALWAYS} or
 * {@code BY DEFAULT} and optional {@code sequenceOptions}.
 */
public record Generated(String expression, Identity identity) {

    /** Identity settings; {@code sequenceOptions} may be null. */
    public record Identity(String userSpecifiedValues, String sequenceOptions) {
    }
}
