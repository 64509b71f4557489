package dev.tuesday.lint.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The {@code REFERENCES table [(columns)] [MATCH …] [ON DELETE …] [ON UPDATE …] [DEFERRABLE …]}
 * part of a foreign key, as written.
 *
 * @param table the referenced table's own name
 * @param columns the referenced columns; empty when the statement leaves them to the primary key
 * @param matchType {@code FULL}, {@code SIMPLE} or {@code PARTIAL}, or null
 * @param onDelete the action on delete, e.g. {@code CASCADE}, or null
 * @param onUpdate the action on update, or null
 * @param deferrable whether the key is {@code DEFERRABLE}
 * @param initiallyDeferred whether it is {@code INITIALLY DEFERRED}
 * @param next the index of the token after the clause
 */
record Reference(String table, List<String> columns, String matchType, String onDelete, String onUpdate,
        boolean deferrable, boolean initiallyDeferred, int next) {

    /** Reads the clause whose {@code REFERENCES} is at {@code at}, up to {@code to}. */
    static Reference read(Statement s, int at, int to) {
        Statement.QualifiedName target = s.nameAt(at + 1);
        if (target == null) {
            throw new NotConvertible("REFERENCES names no table");
        }
        int i = target.next();
        List<String> columns = List.of();
        if (i < to && s.token(i).isSymbol("(")) {
            columns = StatementText.names(s, i);
            i = Clauses.closing(s, i) + 1;
        }
        String match = null;
        String onDelete = null;
        String onUpdate = null;
        boolean deferrable = false;
        boolean deferred = false;
        while (i < to) {
            if (s.is(i, "match") && s.word(i + 1) != null) {
                match = s.word(i + 1).toUpperCase(Locale.ROOT);
                i += 2;
            } else if (s.matches(i, "on", "delete|update")) {
                boolean delete = s.is(i + 1, "delete");
                int after = i + 2;
                String action;
                if (s.matches(after, "no", "action") || s.matches(after, "set", "null|default")) {
                    action = (s.word(after) + " " + s.word(after + 1)).toUpperCase(Locale.ROOT);
                    after += 2;
                } else if (s.matches(after, "restrict|cascade")) {
                    action = s.word(after).toUpperCase(Locale.ROOT);
                    after += 1;
                } else {
                    throw new NotConvertible("unreadable ON " + (delete ? "DELETE" : "UPDATE") + " action");
                }
                if (s.token(after) != null && s.token(after).isSymbol("(")) {
                    throw new NotConvertible("SET NULL/SET DEFAULT with a column list has no field in the migration format");
                }
                if (delete) {
                    onDelete = action;
                } else {
                    onUpdate = action;
                }
                i = after;
            } else if (s.is(i, "deferrable")) {
                deferrable = true;
                i++;
            } else if (s.matches(i, "not", "deferrable")) {
                i += 2;
            } else if (s.matches(i, "initially", "deferred|immediate")) {
                deferred = s.is(i + 1, "deferred");
                i += 2;
            } else {
                break;
            }
        }
        return new Reference(target.last(), columns, match, onDelete, onUpdate, deferrable, deferred, i);
    }

    /** Writes the target of a multi-column foreign key ({@code table}, {@code columns} and the actions). */
    void writeTableReference(ObjectNode references) {
        references.put("table", table);
        ArrayNode list = references.putArray("columns");
        columns.forEach(list::add);
        writeActions(references);
    }

    /** Writes the fields the migration format shares between its two kinds of reference. */
    void writeActions(ObjectNode node) {
        if (matchType != null) {
            node.put("match_type", matchType);
        }
        if (onDelete != null) {
            node.put("on_delete", onDelete);
        }
        if (onUpdate != null) {
            node.put("on_update", onUpdate);
        }
    }
}
