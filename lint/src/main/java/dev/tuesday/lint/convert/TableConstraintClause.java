package dev.tuesday.lint.convert;

import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * A table constraint as written in {@code CREATE TABLE} or {@code ALTER TABLE … ADD}:
 * {@code [CONSTRAINT name] CHECK (…) | UNIQUE (…) | PRIMARY KEY (…) | FOREIGN KEY (…) REFERENCES …}.
 *
 * @param name the name given, or null when PostgreSQL would make one
 * @param type the format's spelling: {@code check}, {@code unique}, {@code primary_key}, {@code foreign_key}
 * @param columns the constrained columns (empty for a check)
 * @param check the check's expression, or null
 * @param nullsNotDistinct whether a unique constraint treats NULLs as equal
 * @param reference the foreign key's target, or null
 */
record TableConstraintClause(String name, String type, List<String> columns, String check, boolean nullsNotDistinct,
        Reference reference) {

    /** Reads the constraint spanning {@code r}. */
    static TableConstraintClause read(Statement s, Range r) {
        int i = r.from();
        String name = null;
        if (s.is(i, "constraint")) {
            name = StatementText.name(s, i + 1, "the constraint's name");
            i += 2;
        }
        TableConstraintClause read;
        int end;
        if (s.is(i, "check")) {
            int close = Clauses.closing(s, i + 1);
            read = new TableConstraintClause(name, "check", List.of(), StatementText.parenthesized(s, i + 1), false, null);
            end = close + 1;
            if (s.matches(end, "no", "inherit")) {
                throw new NotConvertible("a NO INHERIT check has no safe operation on an existing table");
            }
        } else if (s.is(i, "unique") || s.matches(i, "primary", "key")) {
            boolean unique = s.is(i, "unique");
            int at = unique ? i + 1 : i + 2;
            boolean nullsNotDistinct = s.matches(at, "nulls", "not", "distinct");
            if (nullsNotDistinct) {
                at += 3;
            } else if (s.matches(at, "nulls", "distinct")) {
                at += 2;
            }
            if (s.matches(at, "using", "index")) {
                throw new NotConvertible("a constraint USING INDEX attaches an index built by hand; "
                        + "write create_constraint on the columns instead");
            }
            read = new TableConstraintClause(name, unique ? "unique" : "primary_key", StatementText.names(s, at), null,
                    nullsNotDistinct, null);
            end = Clauses.closing(s, at) + 1;
        } else if (s.matches(i, "foreign", "key")) {
            List<String> columns = StatementText.names(s, i + 2);
            int refs = Clauses.closing(s, i + 2) + 1;
            if (!s.is(refs, "references")) {
                throw new NotConvertible("FOREIGN KEY without REFERENCES");
            }
            Reference reference = Reference.read(s, refs, r.to());
            if (reference.columns().isEmpty()) {
                throw new NotConvertible("name the referenced columns: REFERENCES " + reference.table() + " (…)");
            }
            read = new TableConstraintClause(name, "foreign_key", columns, null, false, reference);
            end = reference.next();
        } else {
            throw new NotConvertible("this kind of constraint (" + s.token(i).text().toUpperCase(Locale.ROOT)
                    + ") has no operation in the migration format");
        }
        if (s.matches(end, "not", "valid")) {
            end += 2;
        }
        if (end < r.to()) {
            throw new NotConvertible("unexpected \"" + StatementText.source(s, end, r.to()) + "\" after the constraint");
        }
        return read;
    }

    /** The name PostgreSQL would give it on {@code table}, when the statement gives none. */
    String nameOn(String table) {
        if (name != null) {
            return name;
        }
        String suffix = switch (type) {
            case "unique" -> "key";
            case "primary_key" -> "pkey";
            case "foreign_key" -> "fkey";
            default -> "check";
        };
        String middle = type.equals("primary_key") || columns.isEmpty() ? "" : "_" + String.join("_", columns);
        return table + middle + "_" + suffix;
    }
}
