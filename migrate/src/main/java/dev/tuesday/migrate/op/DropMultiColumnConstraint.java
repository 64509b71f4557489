package dev.tuesday.migrate.op;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.SharedValidation;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableConstraintInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code drop_multicolumn_constraint}: {@code up}/{@code down} expressions per column name.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code drop_multicolumn_constraint}: like {@link DropConstraint}, the constraint keeps
 * guarding both versions' writes until complete drops it, so the old version never reads a row
 * that breaks it; {@code up}/{@code down} have nothing to translate. Rollback has nothing to undo.
 */
public record DropMultiColumnConstraint(String table, String name, Map<String, String> up, Map<String, String> down)
        implements Operation {
    public DropMultiColumnConstraint {
        // In the file's order, so what is stored and reported reads as written.
        up = Collections.unmodifiableMap(new LinkedHashMap<>(up));
        down = Collections.unmodifiableMap(new LinkedHashMap<>(down));
    }

    @Override
    public String kind() {
        return "drop_multicolumn_constraint";
    }

    /** Reads the body of a {@code drop_multicolumn_constraint} entry. */
    static DropMultiColumnConstraint read(FormatNode op) {
        op.object("table", "name", "up", "down");
        return new DropMultiColumnConstraint(op.requiredString("table"), op.requiredString("name"),
                op.stringMap("up", false), op.stringMap("down", true));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = checks.table(table());
        TableConstraintInfo constraint = ValidationContext.constraint(table, name());
        SharedValidation.expressions("up", up(), constraint.columns(), table, checks);
        SharedValidation.expressions("down", down(), constraint.columns(), table, checks);
        return schema.withTable(table.withoutConstraint(name()));
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(table());
        plan.contract(DropConstraint.dropAtComplete(plan, table, name()));
    }
}
