package dev.tuesday.lint;

/**
 * A lock a statement took on a relation that existed before it, as read from {@code pg_locks}.
 *
 * @param relation the relation, schema-qualified
 * @param mode the lock mode as PostgreSQL's documentation names it, e.g. {@code ACCESS EXCLUSIVE}
 */
public record TableLock(String relation, String mode) {

    @Override
    public String toString() {
        return mode + " on " + relation;
    }
}
