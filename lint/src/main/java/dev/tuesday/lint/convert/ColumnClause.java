package dev.tuesday.lint.convert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.ColumnDef;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * A column definition ({@code name type [constraints]}) read into the migration format's column:
 * {@code nullable} (true unless {@code NOT NULL} or {@code PRIMARY KEY}; the format's default is
 * false, so it is always written), {@code pk}, {@code unique}, {@code default}, {@code check},
 * {@code references} and {@code generated}, named as PostgreSQL would name them.
 *
 * @param node the column as the migration file holds it
 * @param notNull whether the column is NOT NULL (or the primary key)
 * @param hasDefault whether it has a default
 * @param fillsEveryRow whether adding it writes a value into every existing row (serial, identity,
 *     a stored generated column)
 */
record ColumnClause(ObjectNode node, boolean notNull, boolean hasDefault, boolean fillsEveryRow) {

    private static final Set<String> SERIAL = Set.of("serial", "bigserial", "smallserial", "serial4", "serial8", "serial2");
    /** Words that start a column constraint: where a default's expression ends. */
    private static final Set<String> CONSTRAINT_START = Set.of("constraint", "primary", "unique", "check",
            "references", "generated", "collate", "deferrable", "initially");

    /** Reads the column {@code def} of {@code table}. */
    static ColumnClause read(Statement s, String table, ColumnDef def) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", def.name());
        String type = StatementText.source(s, def.typeAt(), def.constraints().from());
        node.put("type", type);
        Range c = def.constraints();
        boolean notNull = false;
        boolean pk = false;
        String defaultValue = null;
        boolean fills = SERIAL.contains(def.type());
        String constraintName = null;
        boolean unique = false;
        ObjectNode check = null;
        ObjectNode references = null;
        ObjectNode generated = null;
        int i = c.from();
        while (i < c.to()) {
            String namedHere = constraintName;
            constraintName = null;
            if (s.is(i, "constraint")) {
                constraintName = StatementText.name(s, i + 1, "the constraint's name");
                i += 2;
            } else if (s.matches(i, "not", "null")) {
                notNull = true;
                i += 2;
            } else if (s.is(i, "null")) {
                i++;
            } else if (s.is(i, "default")) {
                int end = defaultEnd(s, i + 1, c.to());
                defaultValue = StatementText.source(s, i + 1, end);
                i = end;
            } else if (s.matches(i, "primary", "key")) {
                pk = true;
                i += 2;
            } else if (s.is(i, "unique")) {
                unique = true;
                i += s.matches(i + 1, "nulls", "not", "distinct") ? 4 : s.matches(i + 1, "nulls", "distinct") ? 3 : 1;
            } else if (s.is(i, "check")) {
                check = JsonNodeFactory.instance.objectNode();
                check.put("name", namedHere != null ? namedHere : table + "_" + def.name() + "_check");
                check.put("constraint", StatementText.parenthesized(s, i + 1));
                i = Clauses.closing(s, i + 1) + 1;
            } else if (s.is(i, "references")) {
                Reference r = Reference.read(s, i, c.to());
                if (r.columns().size() != 1) {
                    throw new NotConvertible("name the one referenced column: REFERENCES " + r.table() + " (…)");
                }
                references = JsonNodeFactory.instance.objectNode();
                references.put("name", namedHere != null ? namedHere : table + "_" + def.name() + "_fkey");
                references.put("table", r.table());
                references.put("column", r.columns().get(0));
                r.writeActions(references);
                if (r.deferrable()) {
                    references.put("deferrable", true);
                }
                if (r.initiallyDeferred()) {
                    references.put("initially_deferred", true);
                }
                i = r.next();
            } else if (s.matches(i, "generated", "always|by")) {
                generated = JsonNodeFactory.instance.objectNode();
                i = generated(s, i, c.to(), generated);
                fills = true;
            } else {
                throw new NotConvertible("\"" + s.token(i).text().toUpperCase(Locale.ROOT) + "\" on column " + def.name()
                        + " has no field in the migration format's column");
            }
        }
        if (pk) {
            node.put("pk", true);
        } else {
            node.put("nullable", !notNull);
        }
        if (unique) {
            node.put("unique", true);
        }
        if (defaultValue != null) {
            node.put("default", defaultValue);
        }
        putIfPresent(node, "check", check);
        putIfPresent(node, "references", references);
        putIfPresent(node, "generated", generated);
        return new ColumnClause(node, notNull || pk, defaultValue != null, fills);
    }

    private static void putIfPresent(ObjectNode node, String field, ObjectNode value) {
        if (value != null) {
            node.set(field, value);
        }
    }

    private static int defaultEnd(Statement s, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            if (s.token(i).isSymbol("(")) {
                depth++;
            } else if (s.token(i).isSymbol(")")) {
                depth--;
            } else if (depth == 0 && i > from && (CONSTRAINT_START.contains(s.word(i)) || s.matches(i, "not", "null")
                    || s.is(i, "null"))) {
                return i;
            }
        }
        return to;
    }

    /** Reads {@code GENERATED … AS IDENTITY [(options)]} or {@code GENERATED ALWAYS AS (expr) STORED}. */
    private static int generated(Statement s, int at, int to, ObjectNode generated) {
        if (s.matches(at, "generated", "always", "as", "identity") || s.matches(at, "generated", "by", "default", "as", "identity")) {
            boolean always = s.is(at + 1, "always");
            int i = at + (always ? 4 : 5);
            ObjectNode identity = generated.putObject("identity");
            identity.put("user_specified_values", always ? "ALWAYS" : "BY DEFAULT");
            if (i < to && s.token(i).isSymbol("(")) {
                identity.put("sequence_options", StatementText.parenthesized(s, i));
                i = Clauses.closing(s, i) + 1;
            }
            return i;
        }
        if (s.matches(at, "generated", "always", "as") && s.token(at + 3) != null && s.token(at + 3).isSymbol("(")) {
            generated.put("expression", StatementText.parenthesized(s, at + 3));
            int i = Clauses.closing(s, at + 3) + 1;
            if (s.is(i, "stored")) {
                i++;
            }
            return i;
        }
        throw new NotConvertible("unreadable GENERATED clause");
    }
}
