package dev.tuesday.migrate.op;

import static dev.tuesday.migrate.schema.ValidationContext.problem;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.ValueReader;
import dev.tuesday.migrate.internal.BackfillTarget;
import dev.tuesday.migrate.internal.ColumnSql;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.ShadowChecks;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.internal.SyncRule;
import dev.tuesday.migrate.internal.UniqueIndexes;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.SharedValidation;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import dev.tuesday.migrate.schema.ValidationProblem;
import java.util.List;

/**
 * {@code alter_column}: one or more changes to a column, done on a shadow copy kept in sync by
 * {@code up} (old → new) and {@code down} (new → old). A null component means "not changed";
 * {@link Patch} tells "not given" (null) from "set to SQL NULL" ({@code Patch(null)}).
 *
 * <h2>Plan</h2>
 *
 * <p>{@code alter_column}: the changed column is built beside the original as a shadow column
 * ({@code _tuesday_new_<column>}) with the new type, default and constraints. The new version's
 * view shows the shadow under the column's name; the sync trigger fills the shadow from {@code up}
 * (default: the column itself) for rows the old version writes and the original from
 * {@code down} (default: the shadow) for rows the new version writes; the backfill fills the
 * shadow for existing rows. Complete drops the original and gives the shadow its name, then sets
 * NOT NULL (proved by the validated check, no scan) and attaches the unique index; a check guards
 * the shadow from start on ({@link ShadowChecks}). Rollback drops the shadow.
 */
public record AlterColumn(
        String table,
        String column,
        String type,
        Boolean nullable,
        Patch<String> defaultValue,
        Patch<String> comment,
        CheckConstraint check,
        UniqueConstraint unique,
        ForeignKeyReference references,
        String up,
        String down) implements Operation {

    @Override
    public String kind() {
        return "alter_column";
    }

    /**
     * Reads the body of an {@code alter_column} entry. {@code up} and {@code down} are optional here
     * although the specification lists them as required: a comment or default change needs neither,
     * and the validator asks for {@code up} exactly where the data needs one (e.g. {@code nullable: false}).
     */
    static AlterColumn read(FormatNode op) {
        op.object("table", "column", "type", "nullable", "default", "comment", "check", "unique", "references",
                "up", "down");
        FormatNode check = op.optional("check");
        FormatNode unique = op.optional("unique");
        FormatNode references = op.optional("references");
        return new AlterColumn(op.requiredString("table"), op.requiredString("column"), op.optionalString("type"),
                op.optionalBool("nullable"), op.patch("default"), op.patch("comment"),
                check == null ? null : ValueReader.checkConstraint(check),
                unique == null ? null : ValueReader.uniqueConstraint(unique),
                references == null ? null : ValueReader.foreignKey(references),
                op.optionalString("up"), op.optionalString("down"));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        Table table = checks.table(table());
        TableColumn old = ValidationContext.column(table, column());
        if (type() == null && nullable() == null && defaultValue() == null && comment() == null
                && check() == null && unique() == null && references() == null) {
            throw problem(new ValidationProblem.NothingToChange(table.name(), old.name()));
        }
        TableColumn changed = old;
        if (type() != null) {
            checks.type(old.name(), type());
            changed = changed.withType(type());
        }
        if (nullable() != null) {
            if (nullable() == old.nullable()) {
                throw problem(new ValidationProblem.AlreadySo(table.name(), old.name(),
                        old.nullable() ? "nullable" : "NOT NULL"));
            }
            if (!nullable() && up() == null) {
                throw problem(new ValidationProblem.FieldRequired("up",
                        "with nullable: false: it gives the rows holding NULL a value"));
            }
            changed = changed.withNullable(nullable());
        }
        if (defaultValue() != null) {
            checks.defaultValue("default", defaultValue().value(), changed.type());
            changed = changed.withDefault(defaultValue().value());
        }
        if (comment() != null) {
            changed = changed.withComment(comment().value());
        }
        TableColumn after = changed;
        Table shaped = table.withColumnChanged(old.name(), c -> after);
        checks.value("up", up(), table.name(), checks.oldColumns(table), after.type());
        checks.value("down", down(), table.name(), shaped.columns(), old.type());
        return schema.withTable(alterConstraints(shaped, schema, checks));
    }

    private Table alterConstraints(Table table, Schema schema, ValidationContext checks) {
        Table changed = table;
        if (check() != null) {
            ValidationContext.newConstraint(changed, check().name());
            checks.condition("check", check().constraint(), table.name(), table.columns());
            changed = changed.withConstraint(SharedValidation.constraint(check().name(), ConstraintType.CHECK,
                    List.of(column()), null, List.of(), null));
        }
        if (unique() != null) {
            ValidationContext.newConstraint(changed, unique().name());
            checks.newRelation(schema.withTable(changed), unique().name());
            changed = SharedValidation.withIndexed(changed, unique().name(), ConstraintType.UNIQUE, List.of(column()));
        }
        if (references() != null) {
            ForeignKeyReference r = references();
            ValidationContext.newConstraint(changed, r.name());
            Table target = r.table().equals(table.name()) ? changed : checks.table(r.table());
            ValidationContext.column(target, r.column());
            changed = changed.withConstraint(SharedValidation.constraint(r.name(), ConstraintType.FOREIGN_KEY,
                    List.of(column()), target.name(), List.of(r.column()), null));
        }
        return changed;
    }

    @Override
    public void plan(PlanContext plan) {
        Table table = plan.table(table());
        TableColumn original = PlanContext.column(table, column());
        if (type() == null && nullable() == null && defaultValue() == null && comment() == null
                && check() == null && unique() == null && references() == null) {
            throw new IllegalArgumentException("nothing to change for column " + Sql.ident(column()));
        }
        String name = original.name();
        String shadow = PlanContext.helperName("_tuesday_new_", original.physical());
        String type = type() != null ? type() : original.type();
        boolean nullable = nullable() != null ? nullable() : original.nullable();
        String defaultValue = defaultValue() != null ? defaultValue().value() : original.defaultValue();
        String t = plan.qualified(table.physical());
        String tableName = Sql.ident(table.physical());

        plan.expandColumn(new Step.Ddl("add shadow column " + Sql.ident(shadow) + " to " + tableName,
                "ALTER TABLE " + t + " ADD COLUMN " + Sql.ident(shadow) + " " + type
                        + (defaultValue != null ? " DEFAULT (" + defaultValue + ")" : "")));
        plan.rollback(new Step.Ddl("drop shadow column " + Sql.ident(shadow),
                "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + Sql.ident(shadow)));
        if (comment() != null) {
            plan.expand(new Step.Ddl("comment on column " + Sql.ident(shadow), "COMMENT ON COLUMN " + t + "."
                    + Sql.ident(shadow) + " IS " + Sql.literal(comment().value())));
        }
        if (references() != null) {
            String fk = Sql.ident(references().name());
            plan.expand(new Step.Ddl("add foreign key " + fk, "ALTER TABLE " + t + " ADD "
                    + ColumnSql.foreignKey(plan.schema().name(), shadow, references()) + " NOT VALID"));
            plan.afterBackfill(Step.Ddl.scanning("validate foreign key " + fk, "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + fk));
        }

        String up = blank(up()) ? Sql.ident(original.physical()) : up();
        String down = blank(down()) ? Sql.ident(name) : down();
        plan.sync(new SyncRule(table.physical(), shadow, up, SyncRule.Direction.UP));
        plan.sync(new SyncRule(table.physical(), original.physical(), down, SyncRule.Direction.DOWN));
        plan.backfill(new BackfillTarget(table.physical(), shadow, up));

        // Complete: the original goes, the shadow takes its name; one transaction, so the table
        // never lacks the column.
        String completeName = original.completePhysical();
        plan.contract(new Step.Ddl("replace column " + Sql.ident(original.physical()) + " by its shadow",
                "ALTER TABLE " + t + " DROP COLUMN " + Sql.ident(original.physical()) + ";\nALTER TABLE " + t
                        + " RENAME COLUMN " + Sql.ident(shadow) + " TO " + Sql.ident(completeName)));
        plan.swap(table.physical(), original.physical(), shadow, completeName, type, comment() != null);
        if (!nullable) {
            plan.notNullCheck(table.physical(), shadow, completeName);
        }
        if (unique() != null) {
            UniqueIndexes.add(plan, table, shadow, completeName, unique().name());
        }
        Table shaped = table.withColumnChanged(name, c -> c.withType(type).withNullable(nullable)
                .withDefault(defaultValue).withPhysical(shadow));
        plan.schema(plan.schema().withTable(shaped));
        if (check() != null) {
            // The check names the column as the file does: it guards the shadow from start on.
            ShadowChecks.add(plan, shaped, check().name(), check().constraint(), check().noInherit());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
