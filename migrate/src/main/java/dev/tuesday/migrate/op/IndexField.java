package dev.tuesday.migrate.op;

import java.util.List;

/**
 * One element of {@code create_index}: a column with optional collation, sort ({@code ASC}/
 * {@code DESC}), nulls ordering ({@code FIRST}/{@code LAST}) and operator class; strings may be null.
 */
public record IndexField(String column, String collate, String sort, String nulls, OperatorClass opclass) {

    /** An operator class with optional parameters ({@code name = value} strings). */
    public record OperatorClass(String name, List<String> params) {
        public OperatorClass {
            params = List.copyOf(params);
        }
    }
}
