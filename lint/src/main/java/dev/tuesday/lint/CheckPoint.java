package dev.tuesday.lint;

/** When a check prepared the running version's queries. */
public enum CheckPoint {
    /** On the starting schema, before the migration: a query failing here is not the migration's doing. */
    BEFORE,
    /** After a plain SQL migration was applied: the running version meets the new schema at once. */
    APPLIED,
    /** After a Tuesday migration's start: the old version must still work. */
    START,
    /** After complete: the old version is expected to be gone by then. */
    COMPLETE;

    /** The phase as the report names it. */
    public String label() {
        return switch (this) {
            case BEFORE -> "before the migration";
            case APPLIED -> "after the migration is applied";
            case START -> "after start";
            case COMPLETE -> "after complete";
        };
    }
}
