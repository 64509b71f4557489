package dev.tuesday.lint.rules;

import static dev.tuesday.lint.Severity.ADVICE;
import static dev.tuesday.lint.Severity.LOCKING;

import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.AlterTable;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;
import java.util.List;

/** Rules on constraints added to existing tables, and on domains. */
final class ConstraintRules {

    private ConstraintRules() {}

    static List<Rule> all() {
        return List.of(
                Rule.of("constraint-missing-not-valid", LOCKING,
                        "ADD CONSTRAINT … CHECK without NOT VALID scans the table under ACCESS EXCLUSIVE",
                        ConstraintRules::checkWithoutNotValid),
                Rule.of("adding-foreign-key-constraint", LOCKING,
                        "a foreign key added without NOT VALID scans the table while blocking writes on both tables",
                        ConstraintRules::foreignKey),
                Rule.of("disallowed-unique-constraint", LOCKING,
                        "ADD UNIQUE builds its index under ACCESS EXCLUSIVE instead of using a concurrent one",
                        ConstraintRules::unique),
                Rule.of("adding-primary-key-constraint", LOCKING,
                        "ADD PRIMARY KEY builds its index (and checks NOT NULL) under ACCESS EXCLUSIVE",
                        ConstraintRules::primaryKey),
                Rule.of("adding-exclusion-constraint", LOCKING,
                        "ADD EXCLUDE builds its index and checks every row under ACCESS EXCLUSIVE",
                        ConstraintRules::exclusion),
                Rule.of("validating-in-same-transaction", LOCKING,
                        "VALIDATE CONSTRAINT in the transaction that added it NOT VALID keeps the strong lock",
                        ConstraintRules::validateInSameTransaction),
                Rule.whenStatement("ban-create-domain-with-constraint", ADVICE,
                        "a domain with a constraint: changing the constraint later locks every table using it",
                        (s, ctx) -> s.startsWith("create", "domain") && (s.contains("check") || s.contains("not", "null")),
                        "a domain's constraint cannot be changed later without checking every column of "
                                + "every table that uses it, under locks",
                        "put the CHECK on the table's column instead (Tuesday's alter_column check)"),
                Rule.whenStatement("ban-alter-domain-with-add-constraint", LOCKING,
                        "ALTER DOMAIN … ADD CONSTRAINT checks every column using the domain",
                        (s, ctx) -> s.startsWith("alter", "domain") && s.contains("add") && !s.contains("not", "valid"),
                        "adding a constraint to a domain checks every row of every table that uses it, under locks",
                        "add it NOT VALID, then VALIDATE CONSTRAINT in a separate transaction"));
    }

    /**
     * The table-constraint part of an {@code ADD [CONSTRAINT name] …} action: the index of its kind
     * word (check, foreign, unique, primary, exclude), or -1.
     */
    static int addedConstraintKind(Statement s, Range r) {
        if (!s.is(r.from(), "add")) {
            return -1;
        }
        int i = r.from() + 1;
        if (s.is(i, "constraint")) {
            i += 2;
        }
        return s.matches(i, "check|foreign|unique|primary|exclude") ? i : -1;
    }

    private interface ActionCheck {
        void check(AlterTable at, Range r, int kindAt);
    }

    private static void forConstraints(Statement s, FileContext ctx, String kind, ActionCheck check) {
        AlterActions.onExistingTable(s, ctx, (at, r) -> {
            int k = addedConstraintKind(s, r);
            if (k >= 0 && s.is(k, kind)) {
                check.check(at, r, k);
            }
        });
    }

    private static void checkWithoutNotValid(Statement s, FileContext ctx) {
        forConstraints(s, ctx, "check", (at, r, k) -> {
            if (!Clauses.has(s, r, "not", "valid")) {
                ctx.report("constraint-missing-not-valid", s, s.lineOf(r.from()),
                        "adding a CHECK to " + at.table() + " scans every row while holding ACCESS EXCLUSIVE",
                        "use Tuesday's alter_column with check (or create_constraint type: check): it adds the "
                                + "constraint NOT VALID, then VALIDATEs it without blocking traffic");
            }
        });
    }

    private static void foreignKey(Statement s, FileContext ctx) {
        String fix = "use Tuesday's alter_column with references (or add_column with references): it adds the "
                + "foreign key NOT VALID, then VALIDATEs it in a separate transaction";
        forConstraints(s, ctx, "foreign", (at, r, k) -> {
            if (!Clauses.has(s, r, "not", "valid")) {
                ctx.report("adding-foreign-key-constraint", s, s.lineOf(r.from()),
                        "adding a foreign key to " + at.table() + " scans it while holding SHARE ROW EXCLUSIVE on it "
                                + "and on the referenced table: writes to both wait", fix);
            }
        });
        ColumnRules.forAddedColumns(s, ctx, (at, r, col) -> {
            int ref = Clauses.find(s, col.constraints(), "references");
            Statement.QualifiedName target = ref < 0 ? null : s.nameAt(ref + 1);
            if (target != null && !ctx.isNew(target.last())) {
                ctx.report("adding-foreign-key-constraint", s, s.lineOf(r.from()),
                        "adding " + at.table() + "." + col.name() + " REFERENCES " + target.text()
                                + " takes SHARE ROW EXCLUSIVE on " + target.text() + ": its writes wait", fix);
            }
        });
    }

    private static void unique(Statement s, FileContext ctx) {
        String fix = "use Tuesday's alter_column with unique: true (or create_constraint type: unique): it builds "
                + "a unique index CONCURRENTLY, then adds the constraint USING INDEX";
        forConstraints(s, ctx, "unique", (at, r, k) -> {
            if (!Clauses.has(s, r, "using", "index")) {
                ctx.report("disallowed-unique-constraint", s, s.lineOf(r.from()),
                        "adding a UNIQUE constraint to " + at.table() + " builds its index holding ACCESS EXCLUSIVE: "
                                + "no reads or writes during the build", fix);
            }
        });
        ColumnRules.forAddedColumns(s, ctx, (at, r, col) -> {
            if (Clauses.has(s, col.constraints(), "unique")) {
                ctx.report("disallowed-unique-constraint", s, s.lineOf(r.from()),
                        "adding " + at.table() + "." + col.name() + " UNIQUE builds its index holding ACCESS EXCLUSIVE", fix);
            }
        });
    }

    private static void primaryKey(Statement s, FileContext ctx) {
        String fix = "build a unique index CONCURRENTLY (Tuesday's create_index with unique: true) on NOT NULL "
                + "columns, then ALTER TABLE … ADD PRIMARY KEY USING INDEX";
        forConstraints(s, ctx, "primary", (at, r, k) -> {
            if (!Clauses.has(s, r, "using", "index")) {
                ctx.report("adding-primary-key-constraint", s, s.lineOf(r.from()),
                        "adding a primary key to " + at.table() + " builds its index (and may set NOT NULL) holding "
                                + "ACCESS EXCLUSIVE", fix);
            }
        });
        ColumnRules.forAddedColumns(s, ctx, (at, r, col) -> {
            if (Clauses.has(s, col.constraints(), "primary", "key")) {
                ctx.report("adding-primary-key-constraint", s, s.lineOf(r.from()),
                        "adding " + at.table() + "." + col.name() + " as PRIMARY KEY fills and indexes every row "
                                + "holding ACCESS EXCLUSIVE", fix);
            }
        });
    }

    private static void exclusion(Statement s, FileContext ctx) {
        forConstraints(s, ctx, "exclude", (at, r, k) -> ctx.report("adding-exclusion-constraint", s, s.lineOf(r.from()),
                "adding an exclusion constraint to " + at.table() + " builds its index and checks every row holding "
                        + "ACCESS EXCLUSIVE; it has no NOT VALID or CONCURRENTLY form",
                "enforce it in a new table, or add it in a maintenance window"));
    }

    private static void validateInSameTransaction(Statement s, FileContext ctx) {
        AlterTable at = Clauses.alterTable(s);
        if (at == null || !s.inTransaction()) {
            return;
        }
        for (Range r : at.actions()) {
            if (s.matches(r.from(), "validate", "constraint") && s.token(r.from() + 2) != null
                    && ctx.notValidInTransaction.contains(s.token(r.from() + 2).text())) {
                ctx.report("validating-in-same-transaction", s, s.lineOf(r.from()),
                        "VALIDATE CONSTRAINT " + s.token(r.from() + 2).text() + " runs in the transaction that added "
                                + "it NOT VALID, so the scan happens while the ADD's strong lock is still held",
                        "commit between ADD … NOT VALID and VALIDATE CONSTRAINT (Tuesday runs them as separate steps)");
            }
        }
    }

}
