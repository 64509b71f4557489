package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.schema.Table;
import java.util.List;

/**
 * Puts the SQL of each {@link Dependent} into the phases of the plan, the same way for every
 * operation that replaces a column:
 *
 * <ul>
 *   <li><b>start</b>: check constraints and the table's own foreign keys are added to the shadow
 *       {@code NOT VALID} as soon as it exists (the new version's writes are checked from then
 *       on), indexes are built {@code CONCURRENTLY} once it is backfilled, then the foreign keys
 *       of other tables are pointed at the shadow's unique index ({@code NOT VALID}), and each
 *       constraint that was valid is validated — all under temporary names;</li>
 *   <li><b>contract</b>, before the column goes: views are redefined on the shadow, foreign keys
 *       pointing at the column are dropped (their copies are in place), triggers, policies and
 *       statistics are dropped, an owned sequence is let go; once the shadow has the column's
 *       name, each object is put back under its own name and with its comment (triggers,
 *       policies and statistics made again from their own definitions, which now find the
 *       shadow by name);</li>
 *   <li><b>rollback</b>, before the shadows are dropped: the copies are dropped.</li>
 * </ul>
 */
final class DependentSteps {

    private DependentSteps() {
    }

    static void plan(PlanContext plan, List<Dependent> dependents) {
        for (Dependent d : dependents) {
            if (d.build() != null && (d.kind() == Dependent.Kind.COLUMN || d.kind() == Dependent.Kind.IDENTITY)) {
                plan.expand(new Step.Ddl("give the new column " + d.name(), d.build()));
            }
            if (d.build() != null && d.kind() == Dependent.Kind.CONSTRAINT) {
                plan.expand(new Step.Ddl("add " + d.name() + " on the new column (not valid)", d.build()));
            }
        }
        for (Dependent d : dependents) {
            if (d.kind() == Dependent.Kind.INDEX || d.kind() == Dependent.Kind.KEY) {
                Table table = table(plan, d.swap().table());
                String description = "build " + d.name() + " on the new column concurrently";
                if (table.partitioned() && d.indexTail() != null) {
                    String tmp = d.tmpIndex().get(1);
                    // A key's partitions' indexes are adopted by the key in the contract, not attached here.
                    IndexBuilds.build(plan, table, description, d.build().startsWith("CREATE UNIQUE"), tmp,
                            d.indexTail(), p -> DependentSql.childTmp(tmp, p.name()), d.kind() == Dependent.Kind.INDEX);
                } else {
                    plan.afterBackfill(new Step.Concurrently(description, d.build(), d.tmpIndex().get(0),
                            d.tmpIndex().get(1)));
                }
            }
        }
        for (Dependent d : dependents) {
            if (d.kind() == Dependent.Kind.MATERIALIZED_VIEW) {
                // Built once the shadow is filled; refreshed again just before the contract, so it
                // is as fresh then as the original would be after a refresh.
                plan.afterBackfill(Step.Ddl.scanning("build " + d.name() + " on the new column", d.build()));
                if (d.validate() != null) {
                    plan.beforeContract(Step.Ddl.scanning("refresh the new " + d.name(), d.validate()));
                }
            }
        }
        for (Dependent d : dependents) {
            if (d.kind() == Dependent.Kind.REFERENCE) {
                plan.afterBackfill(new Step.Ddl("point " + d.name() + " at the new column (not valid)", d.build()));
            }
        }
        for (Dependent d : dependents) {
            if (d.validate() != null && d.kind() != Dependent.Kind.MATERIALIZED_VIEW) {
                plan.afterBackfill(Step.Ddl.scanning("validate " + d.name() + " on the new column", d.validate()));
            }
            if (d.release() != null) {
                plan.contractFirst(new Step.Ddl(release(d), d.release()));
            }
            if (!d.restore().isEmpty()) {
                plan.contractAttach(new Step.Ddl("restore " + d.name() + " on the new column",
                        String.join(";\n", d.restore())));
            }
        }
        // Foreign keys of other tables first: they hold on to the shadow's unique index.
        for (Dependent d : dependents) {
            if (d.undo() != null && d.kind() == Dependent.Kind.REFERENCE) {
                plan.rollbackFirst(new Step.Ddl("drop the copy of " + d.name(), d.undo()));
            }
        }
        for (Dependent d : dependents) {
            if (d.undo() != null && d.kind() != Dependent.Kind.REFERENCE) {
                plan.rollbackFirst(d.tmpIndex().isEmpty() ? new Step.Ddl("drop the copy of " + d.name(), d.undo())
                        : IndexBuilds.drop("drop the copy of " + d.name(), table(plan, d.swap().table()),
                                d.tmpIndex().get(0), d.tmpIndex().get(1)));
            }
        }
    }

    private static Table table(PlanContext plan, String physical) {
        return plan.schema().tableStoredAs(physical).orElseThrow(() -> new IllegalStateException("table " + physical + " left the plan"));
    }

    private static String release(Dependent d) {
        return switch (d.kind()) {
            case VIEW -> "redefine " + d.name() + " on the new column";
            case SEQUENCE -> "let go of " + d.name() + " until the new column owns it";
            default -> "drop " + d.name() + " from the old column";
        };
    }
}
