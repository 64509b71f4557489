package dev.tuesday.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuesday.migrate.op.AddColumn;
import dev.tuesday.migrate.op.AlterColumn;
import dev.tuesday.migrate.op.CheckConstraint;
import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.CreateConstraint;
import dev.tuesday.migrate.op.CreateIndex;
import dev.tuesday.migrate.op.CreateTable;
import dev.tuesday.migrate.op.DropColumn;
import dev.tuesday.migrate.op.DropConstraint;
import dev.tuesday.migrate.op.DropIndex;
import dev.tuesday.migrate.op.DropMultiColumnConstraint;
import dev.tuesday.migrate.op.DropTable;
import dev.tuesday.migrate.op.ForeignKeyReference;
import dev.tuesday.migrate.op.Generated;
import dev.tuesday.migrate.op.IndexField;
import dev.tuesday.migrate.op.IndexParameters;
import dev.tuesday.migrate.op.Operation;
import dev.tuesday.migrate.op.Patch;
import dev.tuesday.migrate.op.RawSql;
import dev.tuesday.migrate.op.RenameColumn;
import dev.tuesday.migrate.op.RenameConstraint;
import dev.tuesday.migrate.op.RenameTable;
import dev.tuesday.migrate.op.SetReplicaIdentity;
import dev.tuesday.migrate.op.TableConstraint;
import dev.tuesday.migrate.op.TableForeignKeyReference;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes operations back in the file format; {@link OperationReader} reads the result unchanged. */
final class OperationWriter {

    private final JsonNodeFactory f;

    private OperationWriter(JsonNodeFactory f) {
        this.f = f;
    }

    static ObjectNode migration(JsonNodeFactory f, Migration m) {
        ObjectNode root = f.objectNode().put("name", m.name());
        if (m.versionSchema() != null) {
            root.put("version_schema", m.versionSchema());
        }
        root.set("operations", operations(f, m.operations()));
        return root;
    }

    static ArrayNode operations(JsonNodeFactory f, List<Operation> operations) {
        OperationWriter w = new OperationWriter(f);
        ArrayNode array = f.arrayNode();
        for (Operation op : operations) {
            array.add(f.objectNode().set(op.kind(), w.body(op)));
        }
        return array;
    }

    private ObjectNode body(Operation op) {
        ObjectNode o = f.objectNode();
        switch (op) {
            case CreateTable t -> {
                o.put("name", t.name());
                o.set("columns", list(t.columns().stream().map(this::column).toList()));
                if (!t.constraints().isEmpty()) {
                    o.set("constraints", list(t.constraints().stream().map(this::tableConstraint).toList()));
                }
                opt(o, "comment", t.comment());
            }
            case AddColumn a -> {
                o.put("table", a.table()).set("column", column(a.column()));
                opt(o, "up", a.up());
            }
            case DropColumn d -> opt(o.put("table", d.table()).put("column", d.column()), "down", d.down());
            case RenameColumn r -> o.put("table", r.table()).put("from", r.from()).put("to", r.to());
            case AlterColumn a -> alterColumn(o, a);
            case RenameTable r -> o.put("from", r.from()).put("to", r.to());
            case DropTable d -> o.put("name", d.name());
            case CreateIndex i -> createIndex(o, i);
            case DropIndex d -> o.put("name", d.name());
            case CreateConstraint c -> createConstraint(o, c);
            case DropConstraint d -> o.put("table", d.table()).put("name", d.name()).put("up", d.up())
                    .put("down", d.down());
            case DropMultiColumnConstraint d -> {
                o.put("table", d.table()).put("name", d.name());
                o.set("up", map(d.up()));
                o.set("down", map(d.down()));
            }
            case RenameConstraint r -> o.put("table", r.table()).put("from", r.from()).put("to", r.to());
            case SetReplicaIdentity s -> {
                ObjectNode identity = f.objectNode().put("type", s.type());
                opt(identity, "index", s.index());
                o.put("table", s.table()).set("identity", identity);
            }
            case RawSql s -> {
                o.put("up", s.up());
                opt(o, "down", s.down());
                o.put("onComplete", s.onComplete());
            }
        }
        return o;
    }

    private void alterColumn(ObjectNode o, AlterColumn a) {
        o.put("table", a.table()).put("column", a.column());
        opt(o, "type", a.type());
        if (a.nullable() != null) {
            o.put("nullable", a.nullable());
        }
        patch(o, "default", a.defaultValue());
        patch(o, "comment", a.comment());
        if (a.check() != null) {
            o.set("check", check(a.check()));
        }
        if (a.unique() != null) {
            o.set("unique", f.objectNode().put("name", a.unique().name()));
        }
        if (a.references() != null) {
            o.set("references", foreignKey(a.references()));
        }
        opt(o, "up", a.up());
        opt(o, "down", a.down());
    }

    private void createIndex(ObjectNode o, CreateIndex i) {
        o.put("name", i.name()).put("table", i.table());
        ArrayNode columns = o.putArray("columns");
        for (IndexField field : i.columns()) {
            ObjectNode c = columns.addObject().put("column", field.column());
            opt(c, "collate", field.collate());
            opt(c, "sort", field.sort());
            opt(c, "nulls", field.nulls());
            if (field.opclass() != null) {
                ObjectNode opclass = c.putObject("opclass");
                opt(opclass, "name", field.opclass().name());
                opclass.set("params", strings(field.opclass().params()));
            }
        }
        opt(o, "predicate", i.predicate());
        opt(o, "method", i.method());
        opt(o, "storage_parameters", i.storageParameters());
        o.put("unique", i.unique());
    }

    private void createConstraint(ObjectNode o, CreateConstraint c) {
        o.put("table", c.table()).put("name", c.name()).put("type", c.type().spelling());
        o.set("columns", strings(c.columns()));
        opt(o, "check", c.check());
        if (c.noInherit()) {
            o.put("no_inherit", true);
        }
        if (c.indexParameters() != null) {
            o.set("index_parameters", indexParameters(c.indexParameters()));
        }
        if (c.references() != null) {
            o.set("references", tableForeignKey(c.references()));
        }
        o.set("up", map(c.up()));
        o.set("down", map(c.down()));
    }

    private ObjectNode column(Column c) {
        ObjectNode o = f.objectNode().put("name", c.name()).put("type", c.type()).put("nullable", c.nullable())
                .put("pk", c.pk()).put("unique", c.unique());
        opt(o, "default", c.defaultValue());
        if (c.check() != null) {
            o.set("check", check(c.check()));
        }
        if (c.references() != null) {
            o.set("references", foreignKey(c.references()));
        }
        opt(o, "comment", c.comment());
        if (c.generated() != null) {
            o.set("generated", generated(c.generated()));
        }
        return o;
    }

    private ObjectNode generated(Generated g) {
        ObjectNode o = f.objectNode();
        opt(o, "expression", g.expression());
        if (g.identity() != null) {
            ObjectNode identity = o.putObject("identity").put("user_specified_values", g.identity().userSpecifiedValues());
            opt(identity, "sequence_options", g.identity().sequenceOptions());
        }
        return o;
    }

    private ObjectNode check(CheckConstraint c) {
        return f.objectNode().put("name", c.name()).put("constraint", c.constraint()).put("no_inherit", c.noInherit());
    }

    private ObjectNode foreignKey(ForeignKeyReference r) {
        return f.objectNode().put("name", r.name()).put("table", r.table()).put("column", r.column())
                .put("match_type", r.matchType()).put("on_delete", r.onDelete()).put("on_update", r.onUpdate())
                .put("deferrable", r.deferrable()).put("initially_deferred", r.initiallyDeferred());
    }

    private ObjectNode tableForeignKey(TableForeignKeyReference r) {
        ObjectNode o = f.objectNode().put("table", r.table());
        o.set("columns", strings(r.columns()));
        o.put("match_type", r.matchType()).put("on_delete", r.onDelete()).put("on_update", r.onUpdate());
        if (!r.onDeleteSetColumns().isEmpty()) {
            o.set("on_delete_set_columns", strings(r.onDeleteSetColumns()));
        }
        return o;
    }

    private ObjectNode tableConstraint(TableConstraint c) {
        ObjectNode o = f.objectNode().put("name", c.name()).put("type", c.type().spelling());
        if (!c.columns().isEmpty()) {
            o.set("columns", strings(c.columns()));
        }
        // Only the flags a type takes are written, so that the reader accepts the result.
        if (c.deferrable()) {
            o.put("deferrable", true);
        }
        if (c.initiallyDeferred()) {
            o.put("initially_deferred", true);
        }
        if (c.nullsNotDistinct()) {
            o.put("nulls_not_distinct", true);
        }
        if (c.noInherit()) {
            o.put("no_inherit", true);
        }
        opt(o, "check", c.check());
        if (c.references() != null) {
            o.set("references", tableForeignKey(c.references()));
        }
        if (c.exclude() != null) {
            ObjectNode exclude = o.putObject("exclude");
            opt(exclude, "index_method", c.exclude().indexMethod());
            opt(exclude, "elements", c.exclude().elements());
            opt(exclude, "predicate", c.exclude().predicate());
        }
        if (c.indexParameters() != null) {
            o.set("index_parameters", indexParameters(c.indexParameters()));
        }
        return o;
    }

    private ObjectNode indexParameters(IndexParameters p) {
        ObjectNode o = f.objectNode();
        opt(o, "tablespace", p.tablespace());
        opt(o, "storage_parameters", p.storageParameters());
        o.set("include_columns", strings(p.includeColumns()));
        return o;
    }

    private ArrayNode list(List<ObjectNode> items) {
        ArrayNode array = f.arrayNode();
        items.forEach(array::add);
        return array;
    }

    private ArrayNode strings(List<String> items) {
        ArrayNode array = f.arrayNode();
        items.forEach(array::add);
        return array;
    }

    private ObjectNode map(Map<String, String> entries) {
        // The model keeps these maps unordered; sorted keys make the output the same on every run.
        ObjectNode o = f.objectNode();
        new TreeMap<>(entries).forEach(o::put);
        return o;
    }

    private static ObjectNode opt(ObjectNode o, String field, String value) {
        return value == null ? o : o.put(field, value);
    }

    private static void patch(ObjectNode o, String field, Patch<String> value) {
        if (value != null) {
            if (value.value() == null) {
                o.putNull(field);
            } else {
                o.put(field, value.value());
            }
        }
    }
}
