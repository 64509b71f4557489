package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.AlterColumn;

/**
 * {@code alter_column}: the changed column is built beside the original as a shadow column
 * ({@code _tuesday_new_<column>}) with the new type, default and constraints. The new version's
 * view shows the shadow under the column's name; the sync trigger fills the shadow from {@code up}
 * (default: the column itself) for rows the old version writes and the original from
 * {@code down} (default: the shadow) for rows the new version writes; the backfill fills the
 * shadow for existing rows. Complete drops the original and gives the shadow its name, then sets
 * NOT NULL (proved by the validated check, no scan) and attaches the unique index; a check guards
 * the shadow from start on ({@link ShadowChecks}). Rollback drops the shadow.
 */
final class AlterColumnPlanner implements OperationPlanner<AlterColumn> {

    @Override
    public void plan(AlterColumn op, PlanContext plan) {
        TableModel table = plan.schema().require(op.table());
        ColumnModel original = table.require(op.column());
        if (op.type() == null && op.nullable() == null && op.defaultValue() == null && op.comment() == null
                && op.check() == null && op.unique() == null && op.references() == null) {
            throw new IllegalArgumentException("nothing to change for column " + Sql.ident(op.column()));
        }
        String name = original.name();
        String shadow = PlanContext.helperName("_tuesday_new_", original.physical());
        String type = op.type() != null ? op.type() : original.type();
        boolean nullable = op.nullable() != null ? op.nullable() : original.nullable();
        String defaultValue = op.defaultValue() != null ? op.defaultValue().value() : original.defaultValue();
        String t = plan.qualified(table.physical());
        String tableName = Sql.ident(table.physical());

        plan.expandColumn(new Step.Ddl("add shadow column " + Sql.ident(shadow) + " to " + tableName,
                "ALTER TABLE " + t + " ADD COLUMN " + Sql.ident(shadow) + " " + type
                        + (defaultValue != null ? " DEFAULT (" + defaultValue + ")" : "")));
        plan.rollback(new Step.Ddl("drop shadow column " + Sql.ident(shadow),
                "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + Sql.ident(shadow)));
        if (op.comment() != null) {
            plan.expand(new Step.Ddl("comment on column " + Sql.ident(shadow), "COMMENT ON COLUMN " + t + "."
                    + Sql.ident(shadow) + " IS " + Sql.literal(op.comment().value())));
        }
        if (op.references() != null) {
            String fk = Sql.ident(op.references().name());
            plan.expand(new Step.Ddl("add foreign key " + fk, "ALTER TABLE " + t + " ADD "
                    + ColumnSql.foreignKey(plan.schema().name(), shadow, op.references()) + " NOT VALID"));
            plan.afterBackfill(new Step.Ddl("validate foreign key " + fk, "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + fk));
        }

        String up = blank(op.up()) ? Sql.ident(original.physical()) : op.up();
        String down = blank(op.down()) ? Sql.ident(name) : op.down();
        plan.sync(new SyncRule(table.physical(), shadow, up, SyncRule.Direction.UP));
        plan.sync(new SyncRule(table.physical(), original.physical(), down, SyncRule.Direction.DOWN));
        plan.backfill(new BackfillTarget(table.physical(), shadow, up));

        // Complete: the original goes, the shadow takes its name; one transaction, so the table
        // never lacks the column.
        String completeName = original.completePhysical();
        plan.contract(new Step.Ddl("replace column " + Sql.ident(original.physical()) + " by its shadow",
                "ALTER TABLE " + t + " DROP COLUMN " + Sql.ident(original.physical()) + ";\nALTER TABLE " + t
                        + " RENAME COLUMN " + Sql.ident(shadow) + " TO " + Sql.ident(completeName)));
        plan.swap(table.physical(), original.physical(), shadow, completeName, type, op.comment() != null);
        if (!nullable) {
            plan.notNullCheck(table.physical(), shadow, completeName);
        }
        if (op.unique() != null) {
            UniqueIndexes.add(plan, table, shadow, completeName, op.unique().name());
        }
        table.replace(name, new ColumnModel(name, shadow, type, nullable, defaultValue, completeName));
        if (op.check() != null) {
            // The check names the column as the file does: it guards the shadow from start on.
            ShadowChecks.add(plan, table, op.check().name(), op.check().constraint(), op.check().noInherit());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
