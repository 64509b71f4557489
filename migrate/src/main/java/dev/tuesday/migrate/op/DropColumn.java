package dev.tuesday.migrate.op;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.internal.SyncRule;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;

/**
 * {@code drop_column}: the column disappears from the new version at start and physically at
 * complete. {@code down} (may be null) fills it, from the new columns, for rows the new version writes.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code drop_column}: the new version's view no longer shows the column; rows the new version
 * writes get it from {@code down} (over the new version's columns) so the old version keeps
 * reading sensible values. Complete drops it physically; rollback has nothing to undo.
 */
public record DropColumn(String table, String column, String down) implements Operation {
    @Override
    public String kind() {
        return "drop_column";
    }

    /** Reads the body of a {@code drop_column} entry. */
    static DropColumn read(FormatNode op) {
        op.object("table", "column", "down");
        return new DropColumn(op.requiredString("table"), op.requiredString("column"), op.optionalString("down"));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = checks.table(table());
        TableColumn column = ValidationContext.column(table, column());
        Table changed = table.withoutColumn(column.name());
        checks.value("down", down(), table.name(), changed.columns(), column.type());
        return schema.withTable(changed);
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(table());
        TableColumn column = PlanContext.column(table, column());
        plan.schema(plan.schema().withTable(table.withColumnHidden(column())));
        if (down() != null && !down().isBlank()) {
            plan.sync(new SyncRule(table.physical(), column.physical(), down(), SyncRule.Direction.DOWN));
        }
        plan.drops(table.physical(), column.physical());
        plan.contract(new Step.Ddl("drop column " + Sql.ident(column.physical()) + " of " + Sql.ident(table.physical()),
                "ALTER TABLE " + plan.qualified(table.physical()) + " DROP COLUMN IF EXISTS "
                        + Sql.ident(column.physical())));
    }
}
