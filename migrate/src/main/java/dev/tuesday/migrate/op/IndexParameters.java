package dev.tuesday.migrate.op;

import java.util.List;

/** Index settings of a unique, primary-key or exclusion constraint; strings may be null. */
public record IndexParameters(String tablespace, String storageParameters, List<String> includeColumns) {
    public IndexParameters {
        includeColumns = List.copyOf(includeColumns);
    }
}
