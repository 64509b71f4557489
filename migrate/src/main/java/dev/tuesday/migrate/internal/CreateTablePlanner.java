package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.CreateTable;
import dev.tuesday.migrate.op.TableConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code create_table}: the table is created at start (the old version does not know it), with its
 * constraints in place since it is empty; rollback drops it; complete has nothing to do.
 */
final class CreateTablePlanner implements OperationPlanner<CreateTable> {

    @Override
    public void plan(CreateTable op, PlanContext plan) {
        if (plan.schema().table(op.name()).isPresent()) {
            throw new IllegalArgumentException("table " + Sql.ident(op.name()) + " already exists");
        }
        String schema = plan.schema().name();
        String t = plan.qualified(op.name());
        List<String> parts = new ArrayList<>();
        List<String> pk = op.columns().stream().filter(Column::pk).map(Column::name).toList();
        for (Column c : op.columns()) {
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
        for (TableConstraint c : op.constraints()) {
            parts.add(TableConstraints.render(schema, c));
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE " + t + " (\n  " + String.join(",\n  ", parts) + "\n)");
        if (op.comment() != null) {
            sql.append(";\nCOMMENT ON TABLE ").append(t).append(" IS ").append(Sql.literal(op.comment()));
        }
        for (Column c : op.columns()) {
            if (c.comment() != null) {
                sql.append(";\nCOMMENT ON COLUMN ").append(t).append('.').append(Sql.ident(c.name())).append(" IS ")
                        .append(Sql.literal(c.comment()));
            }
        }
        plan.expand(new Step.Ddl("create table " + Sql.ident(op.name()), sql.toString()));
        plan.rollback(new Step.Ddl("drop table " + Sql.ident(op.name()), "DROP TABLE IF EXISTS " + t));
        plan.schema().add(new TableModel(op.name(), op.name(), op.columns().stream()
                .map(c -> new ColumnModel(c.name(), c.name(), c.type(), c.nullable(), c.defaultValue())).toList(), pk));
    }
}
