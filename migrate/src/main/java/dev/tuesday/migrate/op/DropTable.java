package dev.tuesday.migrate.op;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;

/**
 * {@code drop_table}: hidden from the new version at start, dropped at complete.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code drop_table}: the new version schema has no view of the table, while the old version
 * keeps reading and writing it. Complete drops it (after the previous version schema, whose view
 * depends on it, is gone); rollback has nothing to undo, so every row written meanwhile is kept.
 */
public record DropTable(String name) implements Operation {
    @Override
    public String kind() {
        return "drop_table";
    }

    /** Reads the body of a {@code drop_table} entry. */
    static DropTable read(FormatNode op) {
        return new DropTable(op.object("name").requiredString("name"));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        return schema.withoutTable(checks.table(name()).name());
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(name());
        plan.schema(plan.schema().withoutTable(name()));
        plan.drops(table.physical(), null);
        plan.contract(new Step.Ddl("drop table " + Sql.ident(table.physical()),
                "DROP TABLE IF EXISTS " + plan.qualified(table.physical())));
    }
}
