package dev.tuesday.migrate.internal;

/**
 * A column an operation replaces by a shadow copy ({@code alter_column}, {@code create_constraint}):
 * the shadow is filled at start, and the contract drops the column and gives the shadow its name.
 * Everything that stands on the column must be carried to the shadow (see {@link Dependent}).
 *
 * @param table physical table
 * @param column physical column replaced
 * @param shadow physical name of the shadow during start
 * @param completeName the shadow's name once the contract has swapped them
 * @param type the shadow's SQL type
 * @param commentGiven whether the operation sets the column's comment (else the column's own is carried)
 * @param operation the index of the operation in its migration, for messages
 * @param kind the operation's kind, for messages
 */
public record ColumnSwap(String table, String column, String shadow, String completeName, String type,
        boolean commentGiven, int operation, String kind) {
}
