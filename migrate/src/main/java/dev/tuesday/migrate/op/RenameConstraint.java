package dev.tuesday.migrate.op;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableConstraintInfo;

/**
 * {@code rename_constraint}.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code rename_constraint}: a constraint's name is not part of any view, so the rename waits
 * for complete (a catalog change under a brief lock), as column and table renames do; the old
 * version keeps seeing the name it knows in its error messages until then. Rollback has nothing
 * to undo.
 */
public record RenameConstraint(String table, String from, String to) implements Operation {
    @Override
    public String kind() {
        return "rename_constraint";
    }

    /** Reads the body of a {@code rename_constraint} entry. */
    static RenameConstraint read(FormatNode op) {
        op.object("table", "from", "to");
        return new RenameConstraint(op.requiredString("table"), op.requiredString("from"), op.requiredString("to"));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = checks.table(table());
        TableConstraintInfo constraint = ValidationContext.constraint(table, from());
        ValidationContext.newConstraint(table, to());
        if (constraint.index() != null) {
            // PostgreSQL renames the index behind the constraint too, and index names are schema-wide.
            checks.newRelation(schema, to());
        }
        return schema.withTable(table.withConstraintRenamed(from(), to()));
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(table());
        plan.contract(new Step.Ddl("rename constraint " + Sql.ident(from()) + " of " + Sql.ident(table.physical())
                + " to " + Sql.ident(to()), "ALTER TABLE " + plan.qualified(table.physical())
                + " RENAME CONSTRAINT " + Sql.ident(from()) + " TO " + Sql.ident(to())));
    }
}
