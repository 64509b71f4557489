package dev.tuesday.migrate.op;

/** A named unique constraint on one column. */
public record UniqueConstraint(String name) {
}
