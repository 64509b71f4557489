package dev.tuesday.migrate.op;

import static dev.tuesday.migrate.schema.ValidationContext.problem;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.ValueReader;
import dev.tuesday.migrate.internal.BackfillTarget;
import dev.tuesday.migrate.internal.IndexBuilds;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.ShadowChecks;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.internal.SyncRule;
import dev.tuesday.migrate.internal.TableConstraints;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.SharedValidation;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import dev.tuesday.migrate.schema.ValidationProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code create_constraint} on existing columns: each column gets a shadow copy filled by
 * {@code up} (per column name), the constraint is built on the copies, and {@code down} maps back.
 * {@code check}, {@code indexParameters} and {@code references} may be null.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code create_constraint}: as pgroll does, the constraint is not put on the columns the old
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
public record CreateConstraint(String table, String name, ConstraintType type, List<String> columns, String check,
        boolean noInherit, IndexParameters indexParameters, TableForeignKeyReference references,
        Map<String, String> up, Map<String, String> down) implements Operation {
    public CreateConstraint {
        columns = List.copyOf(columns);
        // In the file's order, so what is stored and reported reads as written.
        up = Collections.unmodifiableMap(new LinkedHashMap<>(up));
        down = Collections.unmodifiableMap(new LinkedHashMap<>(down));
    }

    @Override
    public String kind() {
        return "create_constraint";
    }

    /** Reads the body of a {@code create_constraint} entry: types unique, check, foreign_key and primary_key (no exclude). */
    static CreateConstraint read(FormatNode c) {
        c.object("table", "name", "columns", "type", "check", "no_inherit", "index_parameters", "references", "up",
                "down");
        ConstraintType type = ValueReader.constraintType(c, List.of(ConstraintType.UNIQUE, ConstraintType.CHECK,
                ConstraintType.FOREIGN_KEY, ConstraintType.PRIMARY_KEY));
        switch (type) {
            case UNIQUE, PRIMARY_KEY -> ValueReader.allowOnly(c, type, "table", "columns", "index_parameters", "up",
                    "down");
            case CHECK -> ValueReader.allowOnly(c, type, "table", "columns", "check", "no_inherit", "up", "down");
            case FOREIGN_KEY -> ValueReader.allowOnly(c, type, "table", "columns", "references", "up", "down");
            default -> throw new IllegalStateException(type.name());
        }
        List<String> columns = c.stringList("columns", type != ConstraintType.CHECK);
        if (type != ConstraintType.CHECK && columns.isEmpty()) {
            throw c.fail("columns", "a " + type.spelling() + " constraint needs at least one column");
        }
        FormatNode references = type == ConstraintType.FOREIGN_KEY ? c.required("references") : null;
        boolean indexed = type == ConstraintType.UNIQUE || type == ConstraintType.PRIMARY_KEY;
        FormatNode parameters = indexed ? c.optional("index_parameters") : null;
        return new CreateConstraint(c.requiredString("table"), c.requiredString("name"), type, columns,
                type == ConstraintType.CHECK ? c.requiredString("check") : null, c.bool("no_inherit", false),
                parameters == null ? null : ValueReader.indexParameters(parameters),
                references == null ? null : ValueReader.tableForeignKey(references),
                c.stringMap("up", true), c.stringMap("down", true));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = checks.table(table());
        ValidationContext.newConstraint(table, name());
        columns().forEach(c -> ValidationContext.column(table, c));
        SharedValidation.expressions("up", up(), columns(), table, checks);
        SharedValidation.expressions("down", down(), columns(), table, checks);
        String referenced = null;
        List<String> referencedColumns = List.of();
        switch (type()) {
            case CHECK -> checks.condition("check", check(), table.name(), table.columns());
            case FOREIGN_KEY -> {
                Table target = references().table().equals(table.name()) ? table
                        : checks.table(references().table());
                references().columns().forEach(c -> ValidationContext.column(target, c));
                referenced = target.name();
                referencedColumns = references().columns();
            }
            case PRIMARY_KEY, UNIQUE -> {
                if (type() == ConstraintType.PRIMARY_KEY && !table.primaryKey().isEmpty()) {
                    throw problem(new ValidationProblem.InvalidField("type", "primary_key: table \"" + table.name()
                            + "\" already has a primary key"));
                }
                checks.newRelation(schema, name());
                if (indexParameters() != null) {
                    indexParameters().includeColumns().forEach(c -> ValidationContext.column(table, c));
                    ValidationContext.fragment("index_parameters.storage_parameters", indexParameters().storageParameters());
                }
                Table keyed = type() == ConstraintType.PRIMARY_KEY ? table.withPrimaryKey(columns()) : table;
                return schema.withTable(SharedValidation.withIndexed(keyed, name(), type(), columns()));
            }
            default -> throw new IllegalStateException("create_constraint does not take " + type());
        }
        return schema.withTable(table.withConstraint(SharedValidation.constraint(name(), type(), columns(),
                referenced, referencedColumns, null)));
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(table());
        if (columns().isEmpty()) {
            if (type() != ConstraintType.CHECK) {
                throw new IllegalArgumentException("constraint " + Sql.ident(name()) + " names no column");
            }
            checkAtComplete(plan, table);
            return;
        }
        if (type() == ConstraintType.EXCLUDE) {
            throw new IllegalArgumentException("create_constraint does not take type exclude");
        }
        if (type() == ConstraintType.PRIMARY_KEY && !table.primaryKey().isEmpty()) {
            throw new IllegalArgumentException("table " + Sql.ident(table()) + " already has a primary key");
        }
        List<TableColumn> originals = new ArrayList<>();
        for (String name : columns()) {
            TableColumn column = PlanContext.column(table, name);
            if (table.primaryKey().contains(column.physical())) {
                throw new IllegalArgumentException("column " + Sql.ident(name)
                        + " is part of the primary key; a constraint on it cannot be built on a copy");
            }
            originals.add(column);
        }
        String t = plan.qualified(table.physical());
        String tableName = Sql.ident(table.physical());
        String constraint = Sql.ident(name());

        List<String> shadows = new ArrayList<>();
        List<Step> dropShadows = new ArrayList<>();
        StringBuilder replace = new StringBuilder();
        for (TableColumn original : originals) {
            String shadow = PlanContext.helperName("_tuesday_new_", original.physical());
            shadows.add(shadow);
            plan.expandColumn(new Step.Ddl("add shadow column " + Sql.ident(shadow) + " to " + tableName,
                    "ALTER TABLE " + t + " ADD COLUMN " + Sql.ident(shadow) + " " + original.type()
                            + (original.defaultValue() != null ? " DEFAULT (" + original.defaultValue() + ")" : "")));
            dropShadows.add(new Step.Ddl("drop shadow column " + Sql.ident(shadow),
                    "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + Sql.ident(shadow)));
            String up = expression(up().get(original.name()), Sql.ident(original.physical()));
            String down = expression(down().get(original.name()), Sql.ident(original.name()));
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
        plan.contract(new Step.Ddl("replace columns " + Sql.identList(originals.stream().map(TableColumn::physical)
                .toList()) + " by their shadows", replace.toString()));

        boolean primaryKey = type() == ConstraintType.PRIMARY_KEY;
        for (int i = 0; i < originals.size(); i++) {
            TableColumn original = originals.get(i);
            if (primaryKey || !original.nullable()) {
                plan.notNullCheck(table.physical(), shadows.get(i), original.completePhysical());
            }
        }
        Table shadowed = table;
        for (int i = 0; i < originals.size(); i++) {
            String shadow = shadows.get(i);
            shadowed = shadowed.withColumnChanged(originals.get(i).name(),
                    c -> c.withPhysical(shadow).withNullable(c.nullable() && !primaryKey));
        }
        plan.schema(plan.schema().withTable(shadowed));
        switch (type()) {
            case UNIQUE, PRIMARY_KEY -> uniqueIndex(plan, shadowed, t, shadows,
                    originals.stream().map(TableColumn::completePhysical).toList(), constraint);
            case FOREIGN_KEY -> foreignKey(plan, t, shadows, constraint);
            case CHECK -> ShadowChecks.add(plan, shadowed, name(), requireCheck(), noInherit());
            case EXCLUDE -> throw new IllegalStateException("rejected above");
        }
        dropShadows.forEach(plan::rollback);
    }

    private void uniqueIndex(PlanContext plan, Table table, String t, List<String> shadows,
            List<String> finalColumns, String constraint) {
        StringBuilder tail = new StringBuilder("(").append(Sql.identList(shadows)).append(')');
        if (indexParameters() != null) {
            if (!indexParameters().includeColumns().isEmpty()) {
                tail.append(" INCLUDE (").append(Sql.identList(indexParameters().includeColumns().stream()
                        .map(c -> PlanContext.column(table, c).physical()).toList())).append(')');
            }
            String storage = indexParameters().storageParameters();
            if (storage != null && !storage.isBlank()) {
                tail.append(" WITH (").append(storage).append(')');
            }
            String tablespace = indexParameters().tablespace();
            if (tablespace != null && !tablespace.isBlank()) {
                tail.append(" TABLESPACE ").append(Sql.ident(tablespace));
            }
        }
        String schema = plan.schema().name();
        String kind = type() == ConstraintType.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE";
        String label = type() == ConstraintType.PRIMARY_KEY ? "pkey" : "key";
        if (table.partitioned()) {
            // PostgreSQL wants the partition key in it, and a column of the partition key cannot be copied.
            throw new IllegalArgumentException("a " + kind.toLowerCase(java.util.Locale.ROOT) + " constraint on"
                    + " partitioned table " + Sql.ident(table.name()) + " would copy its partition key: use"
                    + " create_index with unique: true instead");
        }
        IndexBuilds.build(plan, table, "build unique index " + constraint + " concurrently", true, name(),
                tail.toString(), p -> IndexBuilds.choose(p.name(), finalColumns, label), true);
        plan.contract(new Step.Ddl("attach " + kind.toLowerCase(java.util.Locale.ROOT) + " constraint " + constraint,
                "ALTER TABLE " + t + " ADD CONSTRAINT " + constraint + " " + kind + " USING INDEX " + constraint));
        plan.rollback(new Step.Ddl("drop unique index " + constraint,
                "DROP INDEX IF EXISTS " + Sql.qualified(schema, name())));
    }

    private void foreignKey(PlanContext plan, String t, List<String> shadows, String constraint) {
        if (references() == null) {
            throw new IllegalArgumentException("foreign key " + constraint + " needs \"references\"");
        }
        TableConstraint fk = new TableConstraint(name(), ConstraintType.FOREIGN_KEY, shadows, false, false, false,
                false, null, references(), null, null);
        plan.expand(new Step.Ddl("add foreign key " + constraint + " (not valid)",
                "ALTER TABLE " + t + " ADD " + TableConstraints.render(plan.schema().name(), fk) + " NOT VALID"));
        plan.afterBackfill(Step.Ddl.scanning("validate foreign key " + constraint,
                "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + constraint));
        plan.rollback(new Step.Ddl("drop foreign key " + constraint,
                "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + constraint));
    }

    private String requireCheck() {
        if (check() == null || check().isBlank()) {
            throw new IllegalArgumentException("check constraint " + Sql.ident(name()) + " needs \"check\"");
        }
        return check();
    }

    /**
     * A check that names no column has no shadow to live on during start: it is added at
     * complete, {@code NOT VALID} (new writes are checked at once), then validated.
     */
    private void checkAtComplete(PlanContext plan, Table table) {
        if (check() == null || check().isBlank()) {
            throw new IllegalArgumentException("check constraint " + Sql.ident(name()) + " needs \"check\"");
        }
        String t = plan.qualified(table.physical());
        String constraint = Sql.ident(name());
        plan.contract(new Step.Ddl("add check " + constraint + " (not valid)", "ALTER TABLE " + t + " ADD CONSTRAINT "
                + constraint + " CHECK (" + check() + ")" + (noInherit() ? " NO INHERIT" : "") + " NOT VALID"));
        plan.afterContract(table, last -> Step.Ddl.scanning("validate check " + constraint,
                "ALTER TABLE " + last + " VALIDATE CONSTRAINT " + constraint));
    }

    private static String expression(String given, String identity) {
        return given == null || given.isBlank() ? identity : given;
    }
}
