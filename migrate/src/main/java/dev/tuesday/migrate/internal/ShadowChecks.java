package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.schema.Table;
import java.util.stream.Collectors;

/**
 * A check constraint that guards the new version's writes from start on, although its expression
 * names the columns as the new version does while some of them are still shadow columns under
 * other physical names.
 *
 * <p>During start the expression is the body of a helper function whose parameters carry the
 * new version's column names; the constraint calls it on the physical columns ({@code NOT VALID},
 * validated after the backfill, so no scan under a lock that blocks writes). Complete, once the
 * shadows carry their final names, replaces it by the expression itself ({@code NOT VALID} in the
 * same transaction, so no write goes unchecked, then validated) and drops the helper. Rollback
 * drops both.
 *
 * <p>Used by the plans of {@code alter_column} and {@code create_constraint}.
 */
public final class ShadowChecks {

    private ShadowChecks() {
    }

    /**
     * Adds check {@code name} on {@code table}.
     *
     * @param table the table as the new version sees it, shadow columns already in place
     * @param expression the check, over the new version's column names
     */
    public static void add(PlanContext plan, Table table, String name, String expression, boolean noInherit) {
        String t = plan.qualified(table.physical());
        String constraint = Sql.ident(name);
        String inherit = noInherit ? " NO INHERIT" : "";
        String function = Sql.qualified(plan.schema().name(),
                PlanContext.helperName("_tuesday_check_", table.physical() + "_" + name));
        String parameters = table.columns().stream().map(c -> Sql.ident(c.name()) + " " + c.type())
                .collect(Collectors.joining(", "));
        String arguments = table.columns().stream().map(c -> Sql.ident(c.physical())).collect(Collectors.joining(", "));
        plan.expand(new Step.Ddl("add check " + constraint + " over the new version's columns (not valid)",
                "CREATE FUNCTION " + function + "(" + parameters + ") RETURNS boolean LANGUAGE sql IMMUTABLE AS "
                        + Sql.dollarQuoted("SELECT (" + expression + ")") + ";\n"
                        + "ALTER TABLE " + t + " ADD CONSTRAINT " + constraint + " CHECK (" + function + "("
                        + arguments + "))" + inherit + " NOT VALID"));
        plan.afterBackfill(Step.Ddl.scanning("validate check " + constraint,
                "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + constraint));
        plan.contract(new Step.Ddl("put check " + constraint + " on the columns (not valid)",
                "ALTER TABLE " + t + " DROP CONSTRAINT " + constraint + ";\nALTER TABLE " + t + " ADD CONSTRAINT "
                        + constraint + " CHECK (" + expression + ")" + inherit + " NOT VALID;\n"
                        + "DROP FUNCTION IF EXISTS " + function));
        plan.afterContract(table, last -> Step.Ddl.scanning("validate check " + constraint,
                "ALTER TABLE " + last + " VALIDATE CONSTRAINT " + constraint));
        plan.rollback(new Step.Ddl("drop check " + constraint + " and its helper function",
                "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + constraint + ";\n"
                        + "DROP FUNCTION IF EXISTS " + function));
    }
}
