package dev.tuesday.migrate.schema;

/**
 * What is wrong with one operation of a migration, as data; {@link #message()} renders it as the
 * tail of a {@link dev.tuesday.migrate.ValidationException}'s one-line message.
 */
public sealed interface ValidationProblem {

    /** A sentence fragment a user can act on, e.g. {@code column "nmae" does not exist in table "users"}. */
    String message();

    /** The table is not in the schema (as changed by the operations before). */
    record TableNotFound(String table) implements ValidationProblem {
        public String message() {
            return "table " + q(table) + " does not exist";
        }
    }

    /** The table name is already used by a table of the schema. */
    record TableAlreadyExists(String table) implements ValidationProblem {
        public String message() {
            return "table " + q(table) + " already exists";
        }
    }

    /** The column is not in the table. */
    record ColumnNotFound(String table, String column) implements ValidationProblem {
        public String message() {
            return "column " + q(column) + " does not exist in table " + q(table);
        }
    }

    /** The column name is already used in the table (or given twice in one {@code create_table}). */
    record ColumnAlreadyExists(String table, String column) implements ValidationProblem {
        public String message() {
            return "column " + q(column) + " already exists in table " + q(table);
        }
    }

    /** The constraint is not on the table. */
    record ConstraintNotFound(String table, String constraint) implements ValidationProblem {
        public String message() {
            return "constraint " + q(constraint) + " does not exist on table " + q(table);
        }
    }

    /** The constraint name is already used on the table. */
    record ConstraintAlreadyExists(String table, String constraint) implements ValidationProblem {
        public String message() {
            return "constraint " + q(constraint) + " already exists on table " + q(table);
        }
    }

    /** The index is not in the schema. */
    record IndexNotFound(String index) implements ValidationProblem {
        public String message() {
            return "index " + q(index) + " does not exist";
        }
    }

    /** A relation (table, index, sequence, view) of the schema already has this name. */
    record RelationNameTaken(String name) implements ValidationProblem {
        public String message() {
            return "name " + q(name) + " is already used by a table or index of the schema";
        }
    }

    /** The type name is not known to the database. */
    record TypeNotFound(String column, String type) implements ValidationProblem {
        public String message() {
            return "type " + q(type) + " of column " + q(column) + " does not exist";
        }
    }

    /**
     * An SQL expression of the file ({@code field} is e.g. {@code up}, {@code down},
     * {@code check}, {@code default}) that PostgreSQL rejects; {@code reason} is its message.
     */
    record InvalidExpression(String field, String expression, String reason) implements ValidationProblem {
        public String message() {
            return field + " is not valid SQL: " + reason + " (in: " + oneLine(expression) + ")";
        }
    }

    /** A field that this operation needs in this situation; {@code why} says which situation. */
    record FieldRequired(String field, String why) implements ValidationProblem {
        public String message() {
            return q(field) + " is required " + why;
        }
    }

    /** A field whose value cannot work, e.g. an {@code up} key naming a column the constraint lacks. */
    record InvalidField(String field, String why) implements ValidationProblem {
        public String message() {
            return q(field) + " " + why;
        }
    }

    /** An {@code alter_column} that gives nothing to change. */
    record NothingToChange(String table, String column) implements ValidationProblem {
        public String message() {
            return "nothing to change on column " + q(column) + " of table " + q(table)
                    + ": give at least one of type, nullable, default, comment, check, unique, references";
        }
    }

    /** The column already is what the operation asks ({@code nullable} already true or false). */
    record AlreadySo(String table, String column, String state) implements ValidationProblem {
        public String message() {
            return "column " + q(column) + " of table " + q(table) + " is already " + state;
        }
    }

    /** PostgreSQL truncates identifiers beyond 63 bytes, which would silently change the name. */
    record NameTooLong(String name) implements ValidationProblem {
        public String message() {
            return "name " + q(name) + " is longer than 63 bytes, PostgreSQL's limit";
        }
    }

    /**
     * An object that stands on a column the operation replaces, which Tuesday cannot carry to the
     * replacement without a long lock or a guess; {@code object} is PostgreSQL's own description
     * of it (e.g. {@code rule r on table users}), {@code wayOut} what the user can do instead.
     */
    record CannotCarry(String object, String table, String column, String reason, String wayOut)
            implements ValidationProblem {
        public String message() {
            return object + " stands on column " + q(column) + " of table " + q(table) + " and cannot be carried to"
                    + " its replacement: " + reason + "; " + wayOut;
        }
    }

    /**
     * What a migration drops is still read by {@code objects} (PostgreSQL's descriptions, comma
     * separated), which PostgreSQL would not drop with it.
     */
    record StillUsed(String objects, String dropped) implements ValidationProblem {
        public String message() {
            return objects + " still read " + dropped + ", which the contract would drop: change or drop them first"
                    + " (a sql operation of this migration can, at start or on complete)";
        }
    }

    private static String q(String name) {
        return '"' + name + '"';
    }

    private static String oneLine(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() > 80 ? flat.substring(0, 77) + "..." : flat;
    }
}
