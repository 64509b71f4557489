package dev.tuesday.migrate.schema;

/**
 * An object that stands on a column, as PostgreSQL records it ({@code pg_depend}), sorted by
 * {@link SchemaReader} into what a migration that replaces the column has to do about it. It is
 * part of the column's picture ({@link TableColumn#dependents()}), so validation, planning and
 * {@code status} look at the same list, read once with the rest of the schema.
 *
 * @param kind what the object is, in the terms that decide whether it can be carried
 * @param classid the catalog holding it ({@code pg_class}, {@code pg_constraint}, …), as an oid
 * @param objid the object's oid in that catalog
 * @param description the object as PostgreSQL describes it, e.g. {@code index users_name_idx};
 *        a view or materialized view rather than its rewrite rule
 * @param schema for a view, a materialized view or a rule, the schema of its relation; else null
 */
public record DependentObject(Kind kind, long classid, long objid, String description, String schema) {

    /** What stands on a column. */
    public enum Kind {
        /** An index of the table, not one that a constraint owns. */
        INDEX,
        /** The index of a constraint (primary key, unique, exclusion) or one a foreign key points through. */
        CONSTRAINT_INDEX,
        /** A sequence owned by the column ({@code serial}). */
        OWNED_SEQUENCE,
        /** An identity column's own sequence. */
        IDENTITY_SEQUENCE,
        /** A generated column of the table computed from this one. */
        GENERATED_COLUMN,
        /** A relation of another kind. */
        OTHER_RELATION,
        /** A view. */
        VIEW,
        /** A materialized view. */
        MATERIALIZED_VIEW,
        /** A materialized view that other views are built on. */
        MATERIALIZED_VIEW_UNDER_VIEWS,
        /** A rewrite rule that is not a view's. */
        RULE,
        /** A NOT NULL constraint (PostgreSQL 18 records them). */
        NOT_NULL,
        /** A check constraint. */
        CHECK,
        /** A unique constraint. */
        UNIQUE,
        /** A primary key. */
        PRIMARY_KEY,
        /** A foreign key of the table, from this column. */
        FOREIGN_KEY,
        /** A foreign key of another table, pointing at this column. */
        REFERENCE,
        /** A foreign key of the table pointing at itself through this column. */
        SELF_REFERENCE,
        /** An exclusion constraint. */
        EXCLUSION,
        /** A user trigger of the table. */
        TRIGGER,
        /** A trigger PostgreSQL keeps itself: a partition's clone, or a constraint's. */
        INTERNAL_TRIGGER,
        /** A row-level security policy. */
        POLICY,
        /** Extended statistics. */
        STATISTICS,
        /** The column's own default. */
        OWN_DEFAULT,
        /** The partitioned table's partition key, which names the column. */
        PARTITION_KEY,
        /**
         * An object made on one partition alone, on its column of this name: PostgreSQL would drop
         * it with the table's column (an index) or refuse the drop (a view).
         */
        ON_PARTITION,
        /** Anything else. */
        OTHER
    }
}
