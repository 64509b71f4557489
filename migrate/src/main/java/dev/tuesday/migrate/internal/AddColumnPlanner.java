package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.AddColumn;
import dev.tuesday.migrate.op.Column;

/**
 * {@code add_column}: the column is added under its final name, nullable, so the old version's
 * inserts keep working. Rows the old version writes get it from {@code up}; existing rows from the
 * backfill. NOT NULL goes through a validated check (unless a default alone fills every row),
 * check and foreign key are added {@code NOT VALID} and validated after the backfill, unique is an
 * index built {@code CONCURRENTLY} and attached at complete. Rollback drops the column.
 */
final class AddColumnPlanner implements OperationPlanner<AddColumn> {

    @Override
    public void plan(AddColumn op, PlanContext plan) {
        TableModel table = plan.schema().require(op.table());
        Column column = op.column();
        if (table.column(column.name()).isPresent()) {
            throw new IllegalArgumentException("column " + Sql.ident(column.name()) + " already exists in table "
                    + Sql.ident(op.table()));
        }
        if (column.pk()) {
            throw new IllegalArgumentException("adding a primary key column to an existing table is not supported");
        }
        String t = plan.qualified(table.physical());
        String c = Sql.ident(column.name());
        boolean hasUp = op.up() != null && !op.up().isBlank();
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
            plan.afterBackfill(new Step.Ddl("validate check " + Sql.ident(column.check().name()),
                    "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + Sql.ident(column.check().name())));
        }
        if (column.references() != null) {
            String fk = Sql.ident(column.references().name());
            plan.expand(new Step.Ddl("add foreign key " + fk, "ALTER TABLE " + t + " ADD "
                    + ColumnSql.foreignKey(plan.schema().name(), column.name(), column.references()) + " NOT VALID"));
            plan.afterBackfill(new Step.Ddl("validate foreign key " + fk,
                    "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + fk));
        }
        if (column.unique()) {
            UniqueIndexes.add(plan, table, column.name(), column.name(),
                    PlanContext.helperName("", table.physical() + "_" + column.name() + "_key"));
        }
        if (hasUp) {
            plan.sync(new SyncRule(table.physical(), column.name(), op.up(), SyncRule.Direction.UP));
            plan.backfill(new BackfillTarget(table.physical(), column.name(), op.up()));
        }
        table.add(new ColumnModel(column.name(), column.name(), column.type(), column.nullable(), column.defaultValue()));
    }
}
