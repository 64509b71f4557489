package dev.tuesday.lint.rules;

import dev.tuesday.lint.sql.Clauses;
import dev.tuesday.lint.sql.Clauses.AlterTable;
import dev.tuesday.lint.sql.Clauses.Range;
import dev.tuesday.lint.sql.Statement;

/**
 * The actions of an {@code ALTER TABLE} on a table that existed before the file. Only those can
 * break or block the running version: nothing uses a table the same file created.
 */
final class AlterActions {

    private AlterActions() {}

    /** Looks at one action of an {@code ALTER TABLE}. */
    interface Check {
        void check(AlterTable at, Range action);
    }

    /** Runs {@code check} on each action of {@code s} when it alters a table that existed before the file. */
    static void onExistingTable(Statement s, FileContext ctx, Check check) {
        AlterTable at = Clauses.alterTable(s);
        if (at == null || ctx.isNew(at.table())) {
            return;
        }
        for (Range r : at.actions()) {
            check.check(at, r);
        }
    }
}
