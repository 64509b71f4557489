package dev.tuesday.migrate.op;

/** A named check constraint on one column. */
public record CheckConstraint(String name, String constraint, boolean noInherit) {
}
