package dev.tuesday.migrate.op;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;

/**
 * {@code rename_table}.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code rename_table}: nothing physical at start — the new version schema shows the table's view
 * under its new name, so both versions read and write the same table. Complete renames the table
 * itself, after every other complete step of the migration (they name the table by its old
 * physical name); the remaining view follows it, since views bind to the table, not its name.
 * Rollback has nothing to undo.
 */
public record RenameTable(String from, String to) implements Operation {
    @Override
    public String kind() {
        return "rename_table";
    }

    /** Reads the body of a {@code rename_table} entry. */
    static RenameTable read(FormatNode op) {
        op.object("from", "to");
        return new RenameTable(op.requiredString("from"), op.requiredString("to"));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        checks.table(from());
        checks.newRelation(schema, to());
        checks.renamed(from(), to());
        return schema.withTableRenamed(from(), to());
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(from());
        if (plan.schema().table(to()).isPresent()) {
            throw new IllegalArgumentException("table " + Sql.ident(to()) + " already exists in schema "
                    + Sql.ident(plan.schema().name()));
        }
        plan.schema(plan.schema().withTableRenamed(from(), to()));
        plan.contractLast(new Step.Ddl("rename table " + Sql.ident(table.physical()) + " to " + Sql.ident(to()),
                "ALTER TABLE " + plan.qualified(table.physical()) + " RENAME TO " + Sql.ident(to())));
    }
}
