package dev.tuesday.migrate.op;

import static dev.tuesday.migrate.schema.ValidationContext.problem;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.ValueReader;
import dev.tuesday.migrate.internal.BackfillTarget;
import dev.tuesday.migrate.internal.ColumnSql;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.internal.SyncRule;
import dev.tuesday.migrate.internal.UniqueIndexes;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.SharedValidation;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.ValidationProblem;

/**
 * {@code add_column}: a column added beside the existing ones. {@code up} (may be null) is the SQL
 * expression, over the row's old columns, that fills the column for rows written by the old version.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code add_column}: the column is added under its final name, nullable, so the old version's
 * inserts keep working. Rows the old version writes get it from {@code up}; existing rows from the
 * backfill. NOT NULL goes through a validated check (unless a default alone fills every row),
 * check and foreign key are added {@code NOT VALID} and validated after the backfill, unique is an
 * index built {@code CONCURRENTLY} and attached at complete. Rollback drops the column.
 */
public record AddColumn(String table, Column column, String up) implements Operation {
    @Override
    public String kind() {
        return "add_column";
    }

    /** Reads the body of an {@code add_column} entry. */
    static AddColumn read(FormatNode op) {
        op.object("table", "column", "up");
        return new AddColumn(op.requiredString("table"), ValueReader.column(op.required("column")),
                op.optionalString("up"));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = checks.table(table());
        Column c = column();
        if (table.hasColumn(c.name())) {
            throw problem(new ValidationProblem.ColumnAlreadyExists(table.name(), c.name()));
        }
        ValidationContext.newName(c.name());
        checks.type(c.name(), c.type());
        checks.value("up", up(), table.name(), checks.oldColumns(table), c.type());
        boolean filled = c.nullable() || c.defaultValue() != null || c.generated() != null || up() != null;
        if (!filled && !checks.createdHere(table.name())) {
            throw problem(new ValidationProblem.FieldRequired("up",
                    "for a NOT NULL column without a default: the rows already in the table need a value"));
        }
        Table changed = table.withColumn(SharedValidation.tableColumn(c));
        changed = SharedValidation.columnExtras(c, "column.", changed, schema, checks);
        return schema.withTable(changed);
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(table());
        Column column = column();
        if (table.column(column.name()).isPresent()) {
            throw new IllegalArgumentException("column " + Sql.ident(column.name()) + " already exists in table "
                    + Sql.ident(table()));
        }
        if (column.pk()) {
            throw new IllegalArgumentException("adding a primary key column to an existing table is not supported");
        }
        String t = plan.qualified(table.physical());
        String c = Sql.ident(column.name());
        boolean hasUp = up() != null && !up().isBlank();
        // A NOT NULL column with a default and no up is filled by the default at once (no rewrite
        // for a constant default), and the old version's inserts get the default too.
        boolean notNullInline = !column.nullable() && column.defaultValue() != null && !hasUp;
        plan.expandColumn(new Step.Ddl("add column " + c + " to " + Sql.ident(table.physical()),
                "ALTER TABLE " + t + " ADD COLUMN " + ColumnSql.definition(column, notNullInline)));
        plan.rollback(new Step.Ddl("drop column " + c + " of " + Sql.ident(table.physical()),
                "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + c));
        if (column.comment() != null) {
            plan.expand(new Step.Ddl("comment on column " + c, "COMMENT ON COLUMN " + t + "." + c + " IS "
                    + Sql.literal(column.comment())));
        }
        if (!column.nullable() && !notNullInline) {
            plan.notNullCheck(table.physical(), column.name(), column.name());
        }
        if (column.check() != null) {
            plan.expand(new Step.Ddl("add check " + Sql.ident(column.check().name()),
                    "ALTER TABLE " + t + " ADD " + ColumnSql.check(column.check()) + " NOT VALID"));
            plan.afterBackfill(Step.Ddl.scanning("validate check " + Sql.ident(column.check().name()),
                    "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + Sql.ident(column.check().name())));
        }
        if (column.references() != null) {
            String fk = Sql.ident(column.references().name());
            plan.expand(new Step.Ddl("add foreign key " + fk, "ALTER TABLE " + t + " ADD "
                    + ColumnSql.foreignKey(plan.schema().name(), column.name(), column.references()) + " NOT VALID"));
            plan.afterBackfill(Step.Ddl.scanning("validate foreign key " + fk,
                    "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + fk));
        }
        if (column.unique()) {
            UniqueIndexes.add(plan, table, column.name(), column.name(),
                    PlanContext.helperName("", table.physical() + "_" + column.name() + "_key"));
        }
        if (hasUp) {
            plan.sync(new SyncRule(table.physical(), column.name(), up(), SyncRule.Direction.UP));
            plan.backfill(new BackfillTarget(table.physical(), column.name(), up()));
        }
        plan.schema(plan.schema().withTable(table.withColumn(SharedValidation.tableColumn(column))));
    }
}
