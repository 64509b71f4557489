package dev.tuesday.lint.rules;

import static dev.tuesday.lint.Severity.BREAKING;
import static dev.tuesday.lint.Severity.LOCKING;

import dev.tuesday.lint.ColumnChange;
import dev.tuesday.lint.Measurement;
import dev.tuesday.lint.sql.Clauses.AlterTable;
import dev.tuesday.lint.sql.Clauses.ColumnDef;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Statement;
import dev.tuesday.migrate.sql.Token;
import java.util.List;
import java.util.Set;

/** Rules on columns: renaming, dropping, adding, nullability and type changes. */
final class ColumnRules {

    private ColumnRules() {}

    /** Functions whose value changes per row: a default using one makes PostgreSQL rewrite the table. */
    static final Set<String> VOLATILE = Set.of("random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
            "uuid_generate_v4", "uuidv4", "uuidv7", "uuid_generate_v7", "clock_timestamp", "timeofday", "nextval",
            "txid_current", "setseed", "random_normal");
    /** Functions that are stable or immutable: fine in a default since PostgreSQL 11. */
    static final Set<String> NOT_VOLATILE = Set.of("now", "current_timestamp", "current_date", "localtimestamp",
            "transaction_timestamp", "statement_timestamp", "lower", "upper", "coalesce", "cast", "concat",
            "jsonb_build_object", "json_build_object", "array", "to_jsonb", "to_json", "length", "abs",
            "make_interval", "timezone", "date_trunc", "current_user", "session_user", "current_setting",
            "row", "greatest", "least", "nullif", "md5", "substring", "trim", "replace", "char_length");

    static List<Rule> all() {
        return List.of(
                Rule.of("renaming-column", BREAKING,
                        "RENAME COLUMN breaks every running query that names the old column",
                        ColumnRules::renamingColumn),
                Rule.of("ban-drop-column", BREAKING,
                        "DROP COLUMN breaks running code that still reads or writes it", ColumnRules::dropColumn),
                Rule.of("adding-required-field", BREAKING,
                        "ADD COLUMN … NOT NULL without a default fails on a non-empty table and breaks running inserts",
                        ColumnRules::requiredField),
                Rule.of("adding-field-with-default", LOCKING,
                        "ADD COLUMN with a volatile default (any default before PostgreSQL 11) rewrites the table",
                        ColumnRules::fieldWithDefault),
                Rule.of("adding-serial-field", LOCKING,
                        "ADD COLUMN serial / identity fills every row: a table rewrite under ACCESS EXCLUSIVE",
                        ColumnRules::serialField),
                Rule.of("adding-generated-stored-field", LOCKING,
                        "ADD COLUMN … GENERATED ALWAYS AS (…) STORED rewrites the table", ColumnRules::generatedStored),
                Rule.of("setting-not-null", LOCKING,
                        "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE", ColumnRules::settingNotNull),
                Rule.of("ban-drop-not-null", BREAKING,
                        "DROP NOT NULL lets NULLs reach running code that assumes there are none",
                        ColumnRules::dropNotNull),
                Rule.of("changing-column-type", LOCKING,
                        "ALTER COLUMN TYPE rewrites the table under ACCESS EXCLUSIVE unless binary-compatible",
                        ColumnRules::changingType),
                Rule.of("narrowing-column-type", BREAKING,
                        "a type change that narrows (shorter varchar, smaller integer, other type) breaks running writes",
                        (s, ctx) -> { }));
    }

    /** The index after {@code ALTER [COLUMN] name} when the action is one, else -1. */
    static int afterAlterColumn(Statement s, Range r) {
        if (!s.is(r.from(), "alter")) {
            return -1;
        }
        int i = r.from() + 1;
        if (s.is(i, "column")) {
            i++;
        }
        if (s.is(i, "constraint")) {
            return -1;
        }
        return s.token(i) != null && s.token(i).isName() && i + 1 < r.to() ? i + 1 : -1;
    }

    static String alteredColumn(Statement s, Range r) {
        int i = s.is(r.from() + 1, "column") ? r.from() + 2 : r.from() + 1;
        return s.token(i).text();
    }

    /** The column definition of an {@code ADD [COLUMN] [IF NOT EXISTS]} action, or {@code null}. */
    static ColumnDef addedColumn(Statement s, Range r) {
        if (!s.is(r.from(), "add")) {
            return null;
        }
        int i = r.from() + 1;
        if (s.is(i, "column")) {
            i++;
        } else if (s.matches(i, "constraint|primary|unique|check|foreign|exclude")) {
            return null;
        }
        if (s.matches(i, "if", "not", "exists")) {
            i += 3;
        }
        return Clauses.columnDef(s, new Range(i, r.to()));
    }

    private static void renamingColumn(Statement s, FileContext ctx) {
        AlterActions.onExistingTable(s, ctx, (at, r) -> {
            if (!s.is(r.from(), "rename") || s.matches(r.from() + 1, "to|constraint")) {
                return;
            }
            int i = s.is(r.from() + 1, "column") ? r.from() + 2 : r.from() + 1;
            Token from = s.token(i);
            Token to = s.token(i + 2);
            if (from != null && to != null && s.is(i + 1, "to")) {
                ctx.report("renaming-column", s, s.lineOf(r.from()),
                        "renaming " + at.table() + "." + from.text() + " to " + to.text()
                                + " breaks the running version: its queries still use " + from.text(),
                        "use Tuesday's rename_column: the new version sees " + to.text() + " through its version "
                                + "schema while the old one keeps " + from.text() + "; the physical rename waits for complete");
            }
        });
    }

    private static void dropColumn(Statement s, FileContext ctx) {
        AlterActions.onExistingTable(s, ctx, (at, r) -> {
            if (!s.is(r.from(), "drop") || s.matches(r.from() + 1, "constraint|not|default|identity|expression")) {
                return;
            }
            int i = s.is(r.from() + 1, "column") ? r.from() + 2 : r.from() + 1;
            if (s.matches(i, "if", "exists")) {
                i += 2;
            }
            Token col = s.token(i);
            if (col != null && col.isName()) {
                ctx.report("ban-drop-column", s, s.lineOf(r.from()),
                        "dropping " + at.table() + "." + col.text() + " breaks the running version if it still reads or writes it",
                        "use Tuesday's drop_column: the column leaves the new version's schema at start and the "
                                + "table only at complete, once no old instance runs");
            }
        });
    }

    private static void requiredField(Statement s, FileContext ctx) {
        forAddedColumns(s, ctx, (at, r, col) -> {
            boolean notNull = Clauses.has(s, col.constraints(), "not", "null");
            boolean hasDefault = Clauses.has(s, col.constraints(), "default")
                    || Clauses.has(s, col.constraints(), "generated") || col.type().contains("serial");
            if (notNull && !hasDefault) {
                ctx.report("adding-required-field", s, s.lineOf(r.from()),
                        "adding " + at.table() + "." + col.name() + " NOT NULL without a default fails on a table "
                                + "with rows, and the running version's INSERTs do not set it",
                        "use Tuesday's add_column with nullable: false and a default (or an `up` expression to "
                                + "backfill): Tuesday adds it nullable, backfills, then enforces NOT NULL");
            }
        });
    }

    private static void fieldWithDefault(Statement s, FileContext ctx) {
        forAddedColumns(s, ctx, (at, r, col) -> {
            int d = Clauses.find(s, col.constraints(), "default");
            if (d < 0) {
                return;
            }
            String volatileCall = volatileCall(s, d + 1, col.constraints().to());
            Measurement m = ctx.measurement();
            boolean measuredNoRewrite = m != null && m.measured() && !m.rewrite();
            if (measuredNoRewrite) {
                return;
            }
            if (volatileCall != null || ctx.postgresVersion() < 11 || (m != null && m.rewrite())) {
                String why = volatileCall != null ? "its default calls " + volatileCall + "()"
                        + (VOLATILE.contains(volatileCall) ? ", which is volatile: evaluated for every row"
                        : ", which may be volatile (then it is evaluated for every row; the scratch database measures it)")
                        : ctx.postgresVersion() < 11 ? "before PostgreSQL 11 any default is written into every row"
                        : "the scratch database saw the table rewritten";
                ctx.report("adding-field-with-default", s, s.lineOf(r.from()),
                        "adding " + at.table() + "." + col.name() + " rewrites the table under ACCESS EXCLUSIVE: " + why,
                        "use Tuesday's add_column without the volatile default and an `up` expression: rows are "
                                + "filled by the batched backfill, not under one lock");
            }
        });
    }

    /** The first call in {@code [from, to)} to a function that may be volatile, or {@code null}. */
    static String volatileCall(Statement s, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            String w = s.word(i);
            if (w != null && s.token(i + 1).isSymbol("(") && !(i > from && s.token(i - 1).isSymbol("::"))) {
                if (VOLATILE.contains(w) || !NOT_VOLATILE.contains(w) && !Clauses.isTypeName(w)) {
                    return w;
                }
            }
        }
        return null;
    }

    private static void serialField(Statement s, FileContext ctx) {
        forAddedColumns(s, ctx, (at, r, col) -> {
            boolean identity = Clauses.has(s, col.constraints(), "generated")
                    && Clauses.has(s, col.constraints(), "identity");
            if (col.type().contains("serial") || identity) {
                ctx.report("adding-serial-field", s, s.lineOf(r.from()),
                        "adding " + at.table() + "." + col.name() + " as " + (identity ? "an identity" : col.type())
                                + " column writes a value into every row: a table rewrite under ACCESS EXCLUSIVE",
                        "add the column nullable with no default (Tuesday's add_column), backfill it with an `up` "
                                + "expression in batches, then attach the sequence as its default");
            }
        });
    }

    private static void generatedStored(Statement s, FileContext ctx) {
        forAddedColumns(s, ctx, (at, r, col) -> {
            if (Clauses.has(s, col.constraints(), "generated", "always", "as") && Clauses.has(s, col.constraints(), "stored")) {
                ctx.report("adding-generated-stored-field", s, s.lineOf(r.from()),
                        "adding the stored generated column " + at.table() + "." + col.name()
                                + " computes it for every row: a table rewrite under ACCESS EXCLUSIVE",
                        "add a plain column with Tuesday's add_column and an `up` expression (kept in sync by "
                                + "trigger and backfilled in batches), or a view");
            }
        });
    }

    private static void settingNotNull(Statement s, FileContext ctx) {
        AlterActions.onExistingTable(s, ctx, (at, r) -> {
            int i = afterAlterColumn(s, r);
            if (i < 0 || !s.matches(i, "set", "not", "null")) {
                return;
            }
            String column = alteredColumn(s, r);
            if (ctx.postgresVersion() >= 12 && ctx.provenNotNull(at.table(), column)) {
                return;
            }
            ctx.report("setting-not-null", s, s.lineOf(r.from()),
                    "SET NOT NULL on " + at.table() + "." + column + " holds ACCESS EXCLUSIVE while it scans every row: "
                            + "reads and writes wait for the whole scan on a big table",
                    "use Tuesday's alter_column with nullable: false: it adds CHECK (" + column + " IS NOT NULL) "
                            + "NOT VALID, VALIDATEs it (SHARE UPDATE EXCLUSIVE, traffic flows), then SET NOT NULL "
                            + "uses the valid check and skips the scan");
        });
    }

    private static void dropNotNull(Statement s, FileContext ctx) {
        AlterActions.onExistingTable(s, ctx, (at, r) -> {
            int i = afterAlterColumn(s, r);
            if (i >= 0 && s.matches(i, "drop", "not", "null")) {
                ctx.report("ban-drop-not-null", s, s.lineOf(r.from()),
                        "dropping NOT NULL on " + at.table() + "." + alteredColumn(s, r)
                                + " lets NULLs reach running code that never expected them",
                        "use Tuesday's alter_column with nullable: true and a `down` expression that gives the old "
                                + "version a value instead of NULL");
            }
        });
    }

    private static void changingType(Statement s, FileContext ctx) {
        AlterActions.onExistingTable(s, ctx, (at, r) -> {
            int i = afterAlterColumn(s, r);
            if (i < 0) {
                return;
            }
            int typeAt = s.matches(i, "set", "data", "type") ? i + 3 : s.is(i, "type") ? i + 1 : -1;
            if (typeAt < 0) {
                return;
            }
            String column = alteredColumn(s, r);
            String fix = "use Tuesday's alter_column with type and `up`/`down` expressions: a new column of the new "
                    + "type beside the old, kept in sync by triggers and backfilled in batches; each version keeps its type";
            Measurement m = ctx.measurement();
            ColumnChange change = m == null ? null : m.columnChanges().stream()
                    .filter(c -> c.column().equals(column)).findFirst().orElse(null);
            if (change != null) {
                TypeChange kind = TypeChange.classify(change.before(), change.after());
                if (kind != TypeChange.WIDENING) {
                    ctx.report("narrowing-column-type", s, s.lineOf(r.from()),
                            at.table() + "." + column + " goes from " + change.before() + " to " + change.after()
                                    + (kind == TypeChange.NARROWING ? ": a narrower type rejects values the running version writes"
                                    : ": another type, which the running version does not read or write as before"), fix);
                }
                if (m.rewrite()) {
                    ctx.report("changing-column-type", s, s.lineOf(r.from()),
                            "changing " + at.table() + "." + column + " from " + change.before() + " to " + change.after()
                                    + " rewrote the table (measured) under ACCESS EXCLUSIVE", fix);
                }
                return;
            }
            ctx.report("changing-column-type", s, s.lineOf(r.from()),
                    "changing the type of " + at.table() + "." + column + " rewrites the table under ACCESS EXCLUSIVE "
                            + "unless the change is binary-compatible (e.g. varchar(n) to a longer varchar or text), "
                            + "and a narrower type rejects the running version's writes", fix);
        });
    }

    interface AddedColumnCheck {
        void check(AlterTable at, Range action, ColumnDef col);
    }

    static void forAddedColumns(Statement s, FileContext ctx, AddedColumnCheck check) {
        AlterActions.onExistingTable(s, ctx, (at, r) -> {
            ColumnDef col = addedColumn(s, r);
            if (col != null) {
                check.check(at, r, col);
            }
        });
    }
}
