package dev.tuesday.migrate.op;

import static dev.tuesday.migrate.schema.ValidationContext.problem;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.ValueReader;
import dev.tuesday.migrate.internal.ColumnSql;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.internal.TableConstraints;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.SharedValidation;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.ValidationProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code create_table}: a new table; {@code comment} may be null.
 *
 * <h2>Plan</h2>
 *
 * <p>{@code create_table}: the table is created at start (the old version does not know it), with its
 * constraints in place since it is empty; rollback drops it; complete has nothing to do.
 */
public record CreateTable(String name, List<Column> columns, List<TableConstraint> constraints, String comment)
        implements Operation {
    public CreateTable {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
    }

    @Override
    public String kind() {
        return "create_table";
    }

    /** Reads the body of a {@code create_table} entry. */
    static CreateTable read(FormatNode op) {
        op.object("name", "columns", "constraints", "comment");
        return new CreateTable(op.requiredString("name"),
                op.array("columns", true).stream().map(ValueReader::column).toList(),
                op.array("constraints", false).stream().map(ValueReader::tableConstraint).toList(),
                op.optionalString("comment"));
    }

    @Override
    public Schema validate(Schema schema, ValidationContext checks) {
        checks.newRelation(schema, name());
        Table table = Table.empty(name());
        Set<String> names = new HashSet<>();
        for (Column c : columns()) {
            if (!names.add(c.name())) {
                throw problem(new ValidationProblem.ColumnAlreadyExists(name(), c.name()));
            }
            ValidationContext.newName(c.name());
            checks.type(c.name(), c.type());
            table = table.withColumn(SharedValidation.tableColumn(c));
        }
        List<String> key = columns().stream().filter(Column::pk).map(Column::name).toList();
        table = table.withPrimaryKey(key);
        if (!key.isEmpty()) {
            table = SharedValidation.withIndexed(table, name() + "_pkey", ConstraintType.PRIMARY_KEY, key);
        }
        for (int i = 0; i < columns().size(); i++) {
            table = SharedValidation.columnExtras(columns().get(i), "columns[" + i + "].", table, schema.withTable(table),
                    checks);
        }
        for (int i = 0; i < constraints().size(); i++) {
            table = tableConstraint(constraints().get(i), "constraints[" + i + "].", table, schema, checks);
        }
        checks.created(name());
        return schema.withTable(table);
    }

    private static Table tableConstraint(TableConstraint c, String prefix, Table table, Schema schema, ValidationContext checks) {
        ValidationContext.newConstraint(table, c.name());
        c.columns().forEach(col -> ValidationContext.column(table, col));
        String referenced = null;
        List<String> referencedColumns = List.of();
        switch (c.type()) {
            case CHECK -> checks.condition(prefix + "check", c.check(), table.name(), table.columns());
            case FOREIGN_KEY -> {
                Table target = c.references().table().equals(table.name()) ? table : checks.table(c.references().table());
                c.references().columns().forEach(col -> ValidationContext.column(target, col));
                referenced = target.name();
                referencedColumns = c.references().columns();
            }
            case PRIMARY_KEY, UNIQUE, EXCLUDE -> {
                checks.newRelation(schema.withTable(table), c.name());
                if (c.indexParameters() != null) {
                    c.indexParameters().includeColumns().forEach(col -> ValidationContext.column(table, col));
                    ValidationContext.fragment(prefix + "index_parameters.storage_parameters",
                            c.indexParameters().storageParameters());
                }
                if (c.exclude() != null) {
                    ValidationContext.fragment(prefix + "exclude.index_method", c.exclude().indexMethod());
                    ValidationContext.fragment(prefix + "exclude.elements", c.exclude().elements());
                    checks.condition(prefix + "exclude.predicate", c.exclude().predicate(), table.name(),
                            table.columns());
                }
            }
        }
        Table changed = c.type() == ConstraintType.PRIMARY_KEY ? table.withPrimaryKey(c.columns()) : table;
        boolean indexed = c.type() == ConstraintType.PRIMARY_KEY || c.type() == ConstraintType.UNIQUE
                || c.type() == ConstraintType.EXCLUDE;
        if (indexed) {
            return SharedValidation.withIndexed(changed, c.name(), c.type(), c.columns());
        }
        return changed.withConstraint(SharedValidation.constraint(c.name(), c.type(), c.columns(), referenced,
                referencedColumns, null));
    }

    @Override
    public void plan(PlanContext plan) {
        if (plan.schema().table(name()).isPresent()) {
            throw new IllegalArgumentException("table " + Sql.ident(name()) + " already exists");
        }
        String schema = plan.schema().name();
        String t = plan.qualified(name());
        List<String> parts = new ArrayList<>();
        List<String> pk = columns().stream().filter(Column::pk).map(Column::name).toList();
        for (Column c : columns()) {
            StringBuilder def = new StringBuilder(ColumnSql.definition(c, true));
            if (c.unique()) {
                def.append(" UNIQUE");
            }
            if (c.check() != null) {
                def.append(' ').append(ColumnSql.check(c.check()));
            }
            if (c.references() != null) {
                def.append(" CONSTRAINT ").append(Sql.ident(c.references().name()))
                        .append(ColumnSql.references(schema, c.references()));
            }
            parts.add(def.toString());
        }
        if (!pk.isEmpty()) {
            parts.add("PRIMARY KEY (" + Sql.identList(pk) + ")");
        }
        for (TableConstraint c : constraints()) {
            parts.add(TableConstraints.render(schema, c));
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE " + t + " (\n  " + String.join(",\n  ", parts) + "\n)");
        if (comment() != null) {
            sql.append(";\nCOMMENT ON TABLE ").append(t).append(" IS ").append(Sql.literal(comment()));
        }
        for (Column c : columns()) {
            if (c.comment() != null) {
                sql.append(";\nCOMMENT ON COLUMN ").append(t).append('.').append(Sql.ident(c.name())).append(" IS ")
                        .append(Sql.literal(c.comment()));
            }
        }
        plan.expand(new Step.Ddl("create table " + Sql.ident(name()), sql.toString()));
        plan.rollback(new Step.Ddl("drop table " + Sql.ident(name()), "DROP TABLE IF EXISTS " + t));
        Table table = Table.empty(name());
        for (Column c : columns()) {
            table = table.withColumn(SharedValidation.tableColumn(c));
        }
        plan.schema(plan.schema().withTable(table.withPrimaryKey(pk)));
    }
}
