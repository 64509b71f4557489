package dev.tuesday.migrate.op;

import static dev.tuesday.migrate.schema.ValidationContext.problem;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.ValidationProblem;

/**
 * {@code drop_index}, dropped {@code CONCURRENTLY} at complete.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code drop_index}: the old version may still depend on the index for its queries' speed, so it
 * stays until complete, which drops it {@code CONCURRENTLY} (no lock that blocks reads or
 * writes). Rollback has nothing to undo.
 */
public record DropIndex(String name) implements Operation {
    @Override
    public String kind() {
        return "drop_index";
    }

    /** Reads the body of a {@code drop_index} entry. */
    static DropIndex read(FormatNode op) {
        return new DropIndex(op.object("name").requiredString("name"));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = schema.tableOfIndex(name())
                .orElseThrow(() -> problem(new ValidationProblem.IndexNotFound(name())));
        table.constraints().stream().filter(c -> name().equals(c.index())).findFirst().ifPresent(c -> {
            throw problem(new ValidationProblem.InvalidField("name", "is the index of constraint \"" + c.name()
                    + "\" on table \"" + table.name() + "\": drop the constraint instead"));
        });
        return schema.withTable(table.withoutIndex(name()));
    }

    @Override
    public void plan(PlanContext plan) {
        String schema = plan.schema().name();
        plan.afterContract(new Step.Concurrently("drop index " + Sql.ident(name()) + " concurrently",
                "DROP INDEX CONCURRENTLY IF EXISTS " + Sql.qualified(schema, name()), schema, name()));
    }
}
