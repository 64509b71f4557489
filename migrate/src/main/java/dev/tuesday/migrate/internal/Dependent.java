package dev.tuesday.migrate.internal;

import java.util.List;

/**
 * An object that stands on a column a migration replaces, as {@link DependentReader} found it,
 * with the SQL that carries it to the replacement. {@code build} creates the object's copy on the
 * shadow column under a temporary name (the definition as PostgreSQL prints it with the column
 * named as the shadow, so aliases, casts and expressions come out right); {@code restore} runs in
 * the contract once the shadow carries the column's name and puts the object back under its own
 * name; {@code release} runs in the contract before the column is dropped and takes the object
 * off it. Null where a kind has nothing to do in that place.
 *
 * @param kind what the object is
 * @param name the object's name, qualified where it is a relation, for messages
 * @param swap the column it stands on
 * @param build SQL of start on the shadow (null: none)
 * @param validate SQL of start once backfilled, e.g. {@code VALIDATE CONSTRAINT} (null: none)
 * @param release SQL of the contract before the column is dropped (null: none)
 * @param restore SQL of the contract once the shadow has the column's name (null: none)
 * @param undo SQL of rollback that removes what {@code build} made (null: none)
 * @param tmpIndex schema and name of the index {@code build} creates concurrently, or null
 * @param indexTail for an index, what follows the table in its definition ({@code USING …}), from
 *        which a partitioned table's index is built partition by partition; else null
 */
public record Dependent(Kind kind, String name, ColumnSwap swap, String build, String validate, String release,
        List<String> restore, String undo, List<String> tmpIndex, String indexTail) {

    public Dependent {
        restore = restore == null ? List.of() : List.copyOf(restore);
        tmpIndex = tmpIndex == null ? List.of() : List.copyOf(tmpIndex);
    }

    /** The kinds of object carried; anything else stops the migration before it changes anything. */
    public enum Kind {
        /** The column's own comment, statistics target, options and grants, given to the shadow at start. */
        COLUMN,
        /**
         * The column's identity: the shadow draws from its sequence meanwhile, and becomes an
         * identity column of the same kind in the contract, its sequence going on where it stopped.
         */
        IDENTITY,
        /** An index, built concurrently on the shadow and renamed in the contract. */
        INDEX,
        /** The index of a primary key or unique constraint, attached as the constraint in the contract. */
        KEY,
        /** A check constraint or a foreign key of the table, added NOT VALID on the shadow, validated. */
        CONSTRAINT,
        /** A foreign key of another table pointing at the column, moved to the shadow's unique index. */
        REFERENCE,
        /** A view, redefined on the shadow in the contract (same columns, same types). */
        VIEW,
        /**
         * A materialized view, built again on the shadow under a temporary name with its indexes
         * and grants, refreshed just before the contract and put in the original's place by it.
         */
        MATERIALIZED_VIEW,
        /** A trigger, dropped and made again from its own definition once the names are swapped. */
        TRIGGER,
        /** A row-level security policy, likewise. */
        POLICY,
        /** Extended statistics, likewise. */
        STATISTICS,
        /** A sequence the column owns ({@code serial}): it stays, and is owned by the replacement. */
        SEQUENCE
    }
}
