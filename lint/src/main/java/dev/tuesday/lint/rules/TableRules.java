package dev.tuesday.lint.rules;

import static dev.tuesday.lint.Severity.BREAKING;
import static dev.tuesday.lint.Severity.LOCKING;

import dev.tuesday.lint.Measurement;
import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.AlterTable;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;
import dev.tuesday.migrate.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Rules on whole tables and other objects: renames, drops, rewrites, heavy maintenance commands. */
final class TableRules {

    private TableRules() {}

    /** Rules whose finding already explains a table rewrite. */
    static final Set<String> EXPLAIN_REWRITE = Set.of("changing-column-type", "adding-field-with-default",
            "adding-serial-field", "adding-generated-stored-field", "ban-vacuum-full", "ban-cluster",
            "adding-primary-key-constraint", "ban-truncate", "ban-truncate-cascade");

    static List<Rule> all() {
        return List.of(
                Rule.of("renaming-table", BREAKING, "RENAME TO breaks every running query on the table",
                        TableRules::renamingTable),
                Rule.of("ban-drop-table", BREAKING, "DROP TABLE breaks running code that still uses it",
                        TableRules::dropTable),
                Rule.whenStatement("ban-drop-database", BREAKING, "DROP DATABASE in a migration",
                        (s, ctx) -> s.startsWith("drop", "database"), "a migration drops a whole database",
                        "drop databases by hand, never from a migration"),
                Rule.whenStatement("ban-truncate-cascade", BREAKING,
                        "TRUNCATE … CASCADE empties every table that references this one",
                        (s, ctx) -> s.startsWith("truncate") && s.contains("cascade"),
                        "TRUNCATE … CASCADE also empties every table with a foreign key to this one, "
                                + "recursively, under ACCESS EXCLUSIVE",
                        "name every table to truncate explicitly, without CASCADE"),
                Rule.of("ban-truncate", BREAKING, "TRUNCATE empties a table the running version uses",
                        TableRules::truncate),
                Rule.whenStatement("renaming-schema", BREAKING, "ALTER SCHEMA … RENAME breaks every query through it",
                        (s, ctx) -> s.startsWith("alter", "schema") && s.contains("rename", "to"),
                        "renaming a schema breaks every running query and search_path that names it",
                        "create the new schema beside the old and move objects with Tuesday's version schemas"),
                Rule.whenStatement("ban-drop-schema", BREAKING, "DROP SCHEMA breaks running code that uses it",
                        (s, ctx) -> s.startsWith("drop", "schema"),
                        "dropping a schema breaks every running query on the objects in it",
                        "drop it in a later release, once no running version uses it"),
                Rule.whenStatement("ban-set-schema", BREAKING, "SET SCHEMA moves an object away from running queries",
                        (s, ctx) -> s.startsWith("alter") && s.contains("set", "schema"),
                        "moving an object to another schema breaks running queries that find it through their search_path",
                        "create the object in the new schema and keep the old one until no running version uses it"),
                Rule.of("renaming-object", BREAKING,
                        "renaming a view, function, type or sequence breaks running code that names it",
                        TableRules::renamingObject),
                Rule.whenStatement("ban-vacuum-full", LOCKING, "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE",
                        (s, ctx) -> s.startsWith("vacuum") && vacuumFull(s),
                        "VACUUM FULL rewrites the table holding ACCESS EXCLUSIVE: no reads or writes until it ends",
                        "use pg_repack or pg_squeeze, which rebuild the table online; plain VACUUM for routine cleanup"),
                Rule.whenStatement("ban-cluster", LOCKING, "CLUSTER rewrites the table under ACCESS EXCLUSIVE",
                        (s, ctx) -> s.startsWith("cluster"),
                        "CLUSTER rewrites the table in index order holding ACCESS EXCLUSIVE",
                        "use pg_repack --order-by, which reorders online"),
                Rule.whenStatement("lock-table", LOCKING, "an explicit LOCK TABLE in a migration",
                        (s, ctx) -> s.startsWith("lock"),
                        "an explicit LOCK holds the table until the transaction ends; traffic queues behind it",
                        "let each statement take the lock it needs, under a short lock_timeout"),
                Rule.whenStatement("refresh-materialized-view", LOCKING,
                        "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads",
                        (s, ctx) -> s.startsWith("refresh", "materialized", "view") && !s.is(3, "concurrently"),
                        "REFRESH MATERIALIZED VIEW holds ACCESS EXCLUSIVE on the view: reads of it wait",
                        "REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on the view)"),
                Rule.of("unbatched-backfill", LOCKING,
                        "UPDATE or DELETE of a whole existing table in one statement", TableRules::unbatchedBackfill),
                Rule.of("rewrites-table", LOCKING,
                        "a statement that rewrites a table (SET TABLESPACE, SET LOGGED, or measured)",
                        TableRules::rewritesTable));
    }

    private static void renamingTable(Statement s, FileContext ctx) {
        AlterActions.onExistingTable(s, ctx, (at, r) -> {
            if (s.matches(r.from(), "rename", "to") && s.token(r.from() + 2) != null) {
                ctx.report("renaming-table", s, s.lineOf(r.from()),
                        "renaming " + at.table() + " to " + s.token(r.from() + 2).text()
                                + " breaks the running version: its queries still use " + at.table(),
                        "use Tuesday's rename_table: the new version sees the new name through its version schema, "
                                + "the old one keeps the old name until complete");
            }
        });
    }

    private static void dropTable(Statement s, FileContext ctx) {
        if (!s.startsWith("drop", "table")) {
            return;
        }
        int i = s.matches(2, "if", "exists") ? 4 : 2;
        List<String> dropped = new ArrayList<>();
        while (i < s.size()) {
            Statement.QualifiedName name = s.nameAt(i);
            if (name == null) {
                break;
            }
            if (!ctx.isNew(name.last()) && !s.is(i, "cascade") && !s.is(i, "restrict")) {
                dropped.add(name.text());
            }
            i = name.next();
            if (s.token(i) == null || !s.token(i).isSymbol(",")) {
                break;
            }
            i++;
        }
        if (!dropped.isEmpty()) {
            ctx.report("ban-drop-table", s, s.line(),
                    "dropping " + String.join(", ", dropped) + " breaks the running version if it still uses it",
                    "use Tuesday's drop_table: the table leaves the new version's schema at start and is dropped "
                            + "at complete, once no old instance runs");
        }
    }

    private static void truncate(Statement s, FileContext ctx) {
        if (!s.startsWith("truncate") || s.contains("cascade")) {
            return; // with CASCADE: ban-truncate-cascade says more
        }
        int i = s.is(1, "table") ? 2 : 1;
        List<String> emptied = new ArrayList<>();
        while (i < s.size()) {
            if (s.is(i, "only")) {
                i++;
            }
            Statement.QualifiedName name = s.nameAt(i);
            if (name == null || s.matches(i, "restart|continue|restrict")) {
                break;
            }
            if (!ctx.isNew(name.last())) {
                emptied.add(name.text());
            }
            i = name.next();
            if (s.token(i) != null && s.token(i).isSymbol("*")) {
                i++;
            }
            if (s.token(i) == null || !s.token(i).isSymbol(",")) {
                break;
            }
            i++;
        }
        if (!emptied.isEmpty()) {
            ctx.report("ban-truncate", s, s.line(),
                    "TRUNCATE empties " + String.join(", ", emptied) + " at once under ACCESS EXCLUSIVE: every row "
                            + "the running version reads is gone, and its queries wait for the lock",
                    "delete the rows that must go in batches (DELETE … WHERE key in a range, one short "
                            + "transaction each), or drop the table with Tuesday's drop_table once no version uses it");
        }
    }

    /**
     * Whether a {@code VACUUM} rewrites: {@code VACUUM FULL …}, or {@code FULL} in its option list
     * unless given a false value ({@code VACUUM (FULL FALSE)}, {@code off}, {@code 0}).
     */
    private static boolean vacuumFull(Statement s) {
        if (s.is(1, "full")) {
            return true;
        }
        if (s.token(1) == null || !s.token(1).isSymbol("(")) {
            return false;
        }
        for (int i = 2; i < s.size() && !s.token(i).isSymbol(")"); i++) {
            if (s.is(i, "full")) {
                Token value = s.token(i + 1);
                boolean off = value != null && (value.is("false") || value.is("off")
                        || value.kind() == Token.Kind.NUMBER && value.text().equals("0")
                        || value.kind() == Token.Kind.STRING && value.text().matches("(?i)'?(false|off|0)'?"));
                return !off;
            }
        }
        return false;
    }

    private static void renamingObject(Statement s, FileContext ctx) {
        boolean kind = s.matches(1, "view|function|procedure|sequence|type|domain|materialized");
        if (!s.startsWith("alter") || !kind) {
            return;
        }
        int rename = s.find(2, "rename");
        if (rename < 0 || s.matches(rename + 1, "value")) {
            return;
        }
        ctx.report("renaming-object", s, s.lineOf(rename),
                "renaming a " + s.word(1) + " (or one of its parts) breaks running code that names it",
                "create the new one beside the old (a view can expose both names) and drop the old in a later release");
    }

    private static void unbatchedBackfill(Statement s, FileContext ctx) {
        boolean update = s.startsWith("update");
        boolean delete = s.startsWith("delete", "from");
        if (!update && !delete) {
            return;
        }
        int at = update ? (s.is(1, "only") ? 2 : 1) : (s.is(2, "only") ? 3 : 2);
        Statement.QualifiedName table = s.nameAt(at);
        if (table == null || ctx.isNew(table.last()) || s.contains("where")) {
            return;
        }
        ctx.report("unbatched-backfill", s, s.line(),
                (update ? "UPDATE" : "DELETE") + " of every row of " + table.text() + " in one statement holds each row's "
                        + "lock until it commits: writes to those rows wait, and the table bloats",
                "backfill in batches, each its own short transaction: Tuesday's add_column / alter_column `up` "
                        + "expression does this, resumably");
    }

    private static void rewritesTable(Statement s, FileContext ctx) {
        AlterTable at = Clauses.alterTable(s);
        if (at != null && !ctx.isNew(at.table())) {
            for (Range r : at.actions()) {
                if (s.matches(r.from(), "set", "tablespace|logged|unlogged")) {
                    ctx.report("rewrites-table", s, s.lineOf(r.from()),
                            "SET " + s.word(r.from() + 1).toUpperCase(java.util.Locale.ROOT) + " rewrites "
                                    + at.table() + " under ACCESS EXCLUSIVE",
                            "do it in a maintenance window, or build a copy online (pg_repack)");
                    return;
                }
            }
        }
        Measurement m = ctx.measurement();
        if (m != null && m.rewrite() && ctx.reportedOn(s).stream().noneMatch(EXPLAIN_REWRITE::contains)) {
            ctx.report("rewrites-table", s, s.line(),
                    "the scratch database saw this statement rewrite " + String.join(", ", m.rewritten())
                            + " (its file node changed) while holding " + m.strongest().map(Object::toString).orElse("a lock"),
                    "find a way that does not rewrite: Tuesday's operations add a column and backfill it in batches");
        }
    }
}
