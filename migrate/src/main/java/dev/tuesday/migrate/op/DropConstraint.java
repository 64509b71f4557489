package dev.tuesday.migrate.op;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import dev.tuesday.migrate.schema.TableConstraintInfo;

/**
 * {@code drop_constraint} (single-column form, deprecated in pgroll but accepted).
 *
 * <h2>Plan</h2>
 *
 * <p>{@code drop_constraint} (pgroll's single-column form): the old version relies on the
 * constraint, so it keeps guarding every write — from both versions — until complete drops it.
 * The new version's rows therefore always satisfy the old shape and {@code up}/{@code down} have
 * nothing to translate; they are accepted and not used. Rollback has nothing to undo.
 */
public record DropConstraint(String table, String name, String up, String down) implements Operation {
    @Override
    public String kind() {
        return "drop_constraint";
    }

    /** Reads the body of a {@code drop_constraint} entry. */
    static DropConstraint read(FormatNode op) {
        op.object("table", "name", "up", "down");
        return new DropConstraint(op.requiredString("table"), op.requiredString("name"),
                op.required("up").text(), op.required("down").text());
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = checks.table(table());
        TableConstraintInfo constraint = ValidationContext.constraint(table, name());
        String type = constraint.columns().isEmpty() ? null
                : table.column(constraint.columns().get(0)).map(TableColumn::type).orElse(null);
        checks.value("up", up(), table.name(), table.columns(), type);
        checks.value("down", down(), table.name(), table.columns(), type);
        return schema.withTable(table.withoutConstraint(name()));
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(table());
        plan.contract(dropAtComplete(plan, table, name()));
    }

    /** The complete step that drops constraint {@code name} of {@code table}. */
    static Step.Ddl dropAtComplete(PlanContext plan, Table table, String name) {
        return new Step.Ddl("drop constraint " + Sql.ident(name) + " of " + Sql.ident(table.physical()),
                "ALTER TABLE " + plan.qualified(table.physical()) + " DROP CONSTRAINT IF EXISTS " + Sql.ident(name));
    }
}
