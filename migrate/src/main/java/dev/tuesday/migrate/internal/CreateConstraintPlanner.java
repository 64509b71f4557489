package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.ConstraintType;
import dev.tuesday.migrate.op.CreateConstraint;
import dev.tuesday.migrate.op.TableConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code create_constraint}: as pgroll does, the constraint is not put on the columns the old
 * version writes — the old version would start failing — but on shadow copies of them
 * ({@code _tuesday_new_<column>}), which the new version's view shows under the columns' names.
 * The sync trigger fills each shadow from {@code up} (default: the column itself) for rows the old
 * version writes, and each original from {@code down} (default: the shadow) for rows the new
 * version writes; the backfill fills the shadows of existing rows. Per type:
 *
 * <ul>
 *   <li>{@code unique}: a unique index on the shadows, built {@code CONCURRENTLY} after the
 *       backfill, attached as the constraint at complete;</li>
 *   <li>{@code primary_key}: the same, with every shadow made NOT NULL through a validated check;</li>
 *   <li>{@code foreign_key}: {@code NOT VALID} at start, validated after the backfill;</li>
 *   <li>{@code check}: the expression names the columns as the file does, so during start it is
 *       evaluated by a helper function whose parameters carry those names, called on the shadows
 *       ({@code NOT VALID}, validated after the backfill). Complete puts the expression itself on
 *       the renamed columns and validates it.</li>
 * </ul>
 *
 * <p>Complete drops each original and gives its shadow its name (one transaction); rollback drops
 * the constraint, the helper function and the shadows, leaving the table as it was.
 */
final class CreateConstraintPlanner implements OperationPlanner<CreateConstraint> {

    @Override
    public void plan(CreateConstraint op, PlanContext plan) {
        TableModel table = plan.schema().require(op.table());
        if (op.columns().isEmpty()) {
            if (op.type() != ConstraintType.CHECK) {
                throw new IllegalArgumentException("constraint " + Sql.ident(op.name()) + " names no column");
            }
            checkAtComplete(op, plan, table);
            return;
        }
        if (op.type() == ConstraintType.EXCLUDE) {
            throw new IllegalArgumentException("create_constraint does not take type exclude");
        }
        if (op.type() == ConstraintType.PRIMARY_KEY && !table.primaryKey().isEmpty()) {
            throw new IllegalArgumentException("table " + Sql.ident(op.table()) + " already has a primary key");
        }
        List<ColumnModel> originals = new ArrayList<>();
        for (String name : op.columns()) {
            ColumnModel column = table.require(name);
            if (table.primaryKey().contains(column.physical())) {
                throw new IllegalArgumentException("column " + Sql.ident(name)
                        + " is part of the primary key; a constraint on it cannot be built on a copy");
            }
            originals.add(column);
        }
        String t = plan.qualified(table.physical());
        String tableName = Sql.ident(table.physical());
        String constraint = Sql.ident(op.name());

        List<String> shadows = new ArrayList<>();
        List<Step> dropShadows = new ArrayList<>();
        StringBuilder replace = new StringBuilder();
        for (ColumnModel original : originals) {
            String shadow = PlanContext.helperName("_tuesday_new_", original.physical());
            shadows.add(shadow);
            plan.expandColumn(new Step.Ddl("add shadow column " + Sql.ident(shadow) + " to " + tableName,
                    "ALTER TABLE " + t + " ADD COLUMN " + Sql.ident(shadow) + " " + original.type()
                            + (original.defaultValue() != null ? " DEFAULT (" + original.defaultValue() + ")" : "")));
            dropShadows.add(new Step.Ddl("drop shadow column " + Sql.ident(shadow),
                    "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + Sql.ident(shadow)));
            String up = expression(op.up().get(original.name()), Sql.ident(original.physical()));
            String down = expression(op.down().get(original.name()), Sql.ident(original.name()));
            plan.sync(new SyncRule(table.physical(), shadow, up, SyncRule.Direction.UP));
            plan.sync(new SyncRule(table.physical(), original.physical(), down, SyncRule.Direction.DOWN));
            plan.backfill(new BackfillTarget(table.physical(), shadow, up));
            plan.swap(table.physical(), original.physical(), shadow, original.completePhysical(), original.type(), false);
            replace.append(replace.isEmpty() ? "" : ";\n").append("ALTER TABLE ").append(t).append(" DROP COLUMN ")
                    .append(Sql.ident(original.physical())).append(";\nALTER TABLE ").append(t)
                    .append(" RENAME COLUMN ").append(Sql.ident(shadow)).append(" TO ")
                    .append(Sql.ident(original.completePhysical()));
        }
        // One transaction: the table never lacks a column, and the constraint moves with the shadows.
        plan.contract(new Step.Ddl("replace columns " + Sql.identList(originals.stream().map(ColumnModel::physical)
                .toList()) + " by their shadows", replace.toString()));

        boolean primaryKey = op.type() == ConstraintType.PRIMARY_KEY;
        for (int i = 0; i < originals.size(); i++) {
            ColumnModel original = originals.get(i);
            if (primaryKey || !original.nullable()) {
                plan.notNullCheck(table.physical(), shadows.get(i), original.completePhysical());
            }
        }
        for (int i = 0; i < originals.size(); i++) {
            ColumnModel original = originals.get(i);
            table.replace(original.name(), new ColumnModel(original.name(), shadows.get(i), original.type(),
                    original.nullable() && !primaryKey, original.defaultValue(), original.completePhysical()));
        }
        switch (op.type()) {
            case UNIQUE, PRIMARY_KEY -> uniqueIndex(op, plan, table, t, shadows,
                    originals.stream().map(ColumnModel::completePhysical).toList(), constraint);
            case FOREIGN_KEY -> foreignKey(op, plan, t, shadows, constraint);
            case CHECK -> ShadowChecks.add(plan, table, op.name(), requireCheck(op), op.noInherit());
            case EXCLUDE -> throw new IllegalStateException("rejected above");
        }
        dropShadows.forEach(plan::rollback);
    }

    private static void uniqueIndex(CreateConstraint op, PlanContext plan, TableModel table, String t,
            List<String> shadows, List<String> finalColumns, String constraint) {
        StringBuilder tail = new StringBuilder("(").append(Sql.identList(shadows)).append(')');
        if (op.indexParameters() != null) {
            if (!op.indexParameters().includeColumns().isEmpty()) {
                tail.append(" INCLUDE (").append(Sql.identList(op.indexParameters().includeColumns().stream()
                        .map(c -> table.require(c).physical()).toList())).append(')');
            }
            String storage = op.indexParameters().storageParameters();
            if (storage != null && !storage.isBlank()) {
                tail.append(" WITH (").append(storage).append(')');
            }
            String tablespace = op.indexParameters().tablespace();
            if (tablespace != null && !tablespace.isBlank()) {
                tail.append(" TABLESPACE ").append(Sql.ident(tablespace));
            }
        }
        String schema = plan.schema().name();
        String kind = op.type() == ConstraintType.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE";
        String label = op.type() == ConstraintType.PRIMARY_KEY ? "pkey" : "key";
        IndexBuilds.build(plan, table, "build unique index " + constraint + " concurrently", true, op.name(),
                tail.toString(), p -> IndexBuilds.choose(p.name(), finalColumns, label), !table.partitioned());
        // On a partitioned table the partitions' indexes, built concurrently, are adopted: no scan.
        plan.contract(new Step.Ddl("attach " + kind.toLowerCase(java.util.Locale.ROOT) + " constraint " + constraint,
                "ALTER TABLE " + t + " ADD CONSTRAINT " + constraint + " " + kind + (table.partitioned()
                        ? " (" + Sql.identList(finalColumns) + ")" : " USING INDEX " + constraint)));
        plan.rollback(new Step.Ddl("drop unique index " + constraint,
                "DROP INDEX IF EXISTS " + Sql.qualified(schema, op.name())));
    }

    private static void foreignKey(CreateConstraint op, PlanContext plan, String t, List<String> shadows,
            String constraint) {
        if (op.references() == null) {
            throw new IllegalArgumentException("foreign key " + constraint + " needs \"references\"");
        }
        TableConstraint fk = new TableConstraint(op.name(), ConstraintType.FOREIGN_KEY, shadows, false, false, false,
                false, null, op.references(), null, null);
        plan.expand(new Step.Ddl("add foreign key " + constraint + " (not valid)",
                "ALTER TABLE " + t + " ADD " + TableConstraints.render(plan.schema().name(), fk) + " NOT VALID"));
        plan.afterBackfill(new Step.Ddl("validate foreign key " + constraint,
                "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + constraint));
        plan.rollback(new Step.Ddl("drop foreign key " + constraint,
                "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + constraint));
    }

    private static String requireCheck(CreateConstraint op) {
        if (op.check() == null || op.check().isBlank()) {
            throw new IllegalArgumentException("check constraint " + Sql.ident(op.name()) + " needs \"check\"");
        }
        return op.check();
    }

    /**
     * A check that names no column has no shadow to live on during start: it is added at
     * complete, {@code NOT VALID} (new writes are checked at once), then validated.
     */
    private static void checkAtComplete(CreateConstraint op, PlanContext plan, TableModel table) {
        if (op.check() == null || op.check().isBlank()) {
            throw new IllegalArgumentException("check constraint " + Sql.ident(op.name()) + " needs \"check\"");
        }
        String t = plan.qualified(table.physical());
        String constraint = Sql.ident(op.name());
        plan.contract(new Step.Ddl("add check " + constraint + " (not valid)", "ALTER TABLE " + t + " ADD CONSTRAINT "
                + constraint + " CHECK (" + op.check() + ")" + (op.noInherit() ? " NO INHERIT" : "") + " NOT VALID"));
        plan.afterContract(table, last -> new Step.Ddl("validate check " + constraint,
                "ALTER TABLE " + last + " VALIDATE CONSTRAINT " + constraint));
    }

    private static String expression(String given, String identity) {
        return given == null || given.isBlank() ? identity : given;
    }
}
