package dev.tuesday.migrate;

import dev.tuesday.migrate.op.AddColumn;
import dev.tuesday.migrate.op.AlterColumn;
import dev.tuesday.migrate.op.CreateConstraint;
import dev.tuesday.migrate.op.CreateIndex;
import dev.tuesday.migrate.op.CreateTable;
import dev.tuesday.migrate.op.DropColumn;
import dev.tuesday.migrate.op.DropConstraint;
import dev.tuesday.migrate.op.DropIndex;
import dev.tuesday.migrate.op.DropMultiColumnConstraint;
import dev.tuesday.migrate.op.DropTable;
import dev.tuesday.migrate.op.IndexField;
import dev.tuesday.migrate.op.Operation;
import dev.tuesday.migrate.op.RawSql;
import dev.tuesday.migrate.op.RenameColumn;
import dev.tuesday.migrate.op.RenameConstraint;
import dev.tuesday.migrate.op.RenameTable;
import dev.tuesday.migrate.op.SetReplicaIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps one entry of {@code operations} (an object with exactly one key, the operation's kind)
 * to its record, field by field, with the format's defaults. The value records shared by several
 * operations (columns, constraints, references) are read by {@link ValueReader}.
 */
final class OperationReader {

    /** The operation kinds of the format, in the order the specification lists them. */
    static final List<String> KINDS = List.of("create_table", "add_column", "drop_column", "rename_column",
            "alter_column", "rename_table", "drop_table", "create_index", "drop_index", "create_constraint",
            "drop_constraint", "drop_multicolumn_constraint", "rename_constraint", "set_replica_identity", "sql");

    private static final List<String> INDEX_METHODS = List.of("btree", "hash", "gist", "spgist", "gin", "brin");
    private static final List<String> REPLICA_IDENTITIES = List.of("default", "full", "nothing", "index");

    private OperationReader() {
    }

    static Operation read(FormatNode entry) {
        List<String> keys = entry.object().fieldNames();
        if (keys.size() != 1) {
            throw entry.fail("an operation is an object with exactly one key, its kind (add_column, "
                    + "rename_column, ...); got " + (keys.isEmpty() ? "none" : keys.size() + ": " + String.join(", ", keys)));
        }
        String kind = keys.get(0);
        if (!KINDS.contains(kind)) {
            throw entry.fail("unknown operation \"" + kind + "\"" + Suggestions.didYouMean(kind, KINDS));
        }
        FormatNode op = entry.required(kind);
        return switch (kind) {
            case "create_table" -> createTable(op);
            case "add_column" -> addColumn(op);
            case "drop_column" -> dropColumn(op);
            case "rename_column" -> renameColumn(op);
            case "alter_column" -> alterColumn(op);
            case "rename_table" -> renameTable(op);
            case "drop_table" -> new DropTable(op.object("name").requiredString("name"));
            case "create_index" -> createIndex(op);
            case "drop_index" -> new DropIndex(op.object("name").requiredString("name"));
            case "create_constraint" -> ValueReader.createConstraint(op);
            case "drop_constraint" -> dropConstraint(op);
            case "drop_multicolumn_constraint" -> dropMultiColumnConstraint(op);
            case "rename_constraint" -> renameConstraint(op);
            case "set_replica_identity" -> setReplicaIdentity(op);
            case "sql" -> rawSql(op);
            default -> throw new IllegalStateException("kind listed but not mapped: " + kind);
        };
    }

    private static CreateTable createTable(FormatNode op) {
        op.object("name", "columns", "constraints", "comment");
        return new CreateTable(op.requiredString("name"),
                op.array("columns", true).stream().map(ValueReader::column).toList(),
                op.array("constraints", false).stream().map(ValueReader::tableConstraint).toList(),
                op.optionalString("comment"));
    }

    private static AddColumn addColumn(FormatNode op) {
        op.object("table", "column", "up");
        return new AddColumn(op.requiredString("table"), ValueReader.column(op.required("column")),
                op.optionalString("up"));
    }

    private static DropColumn dropColumn(FormatNode op) {
        op.object("table", "column", "down");
        return new DropColumn(op.requiredString("table"), op.requiredString("column"), op.optionalString("down"));
    }

    private static RenameColumn renameColumn(FormatNode op) {
        op.object("table", "from", "to");
        return new RenameColumn(op.requiredString("table"), op.requiredString("from"), op.requiredString("to"));
    }

    /**
     * {@code up} and {@code down} are optional here although the specification lists them as
     * required: a comment or default change needs neither, and the validator asks for {@code up}
     * exactly where the data needs one (e.g. {@code nullable: false}).
     */
    private static AlterColumn alterColumn(FormatNode op) {
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

    private static RenameTable renameTable(FormatNode op) {
        op.object("from", "to");
        return new RenameTable(op.requiredString("from"), op.requiredString("to"));
    }

    private static CreateIndex createIndex(FormatNode op) {
        op.object("name", "table", "columns", "predicate", "method", "storage_parameters", "unique");
        List<IndexField> columns = indexFields(op);
        if (columns.isEmpty()) {
            throw op.fail("columns", "an index needs at least one column");
        }
        return new CreateIndex(op.requiredString("name"), op.requiredString("table"), columns,
                op.optionalString("predicate"), op.choice("method", "btree", INDEX_METHODS),
                op.optionalString("storage_parameters"), op.bool("unique", false));
    }

    /**
     * The index elements, in any of the three spellings pgroll has used: an array of element
     * objects with {@code column} (the specification), an array of column names, or an object from
     * column name to element settings ({@code columns: {name: {sort: DESC}}}), kept in file order.
     */
    private static List<IndexField> indexFields(FormatNode op) {
        FormatNode columns = op.required("columns");
        if (!columns.isObjectNode()) {
            return op.array("columns", true).stream().map(OperationReader::indexField).toList();
        }
        List<IndexField> fields = new ArrayList<>();
        for (String column : columns.fieldNames()) {
            fields.add(indexSettings(column, columns.required(column)));
        }
        return fields;
    }

    /** An index element; a bare string is accepted as the column name (pgroll's older form). */
    private static IndexField indexField(FormatNode field) {
        if (field.isText()) {
            return new IndexField(field.text(), null, null, null, null);
        }
        field.object("column", "collate", "sort", "nulls", "opclass");
        return indexSettings(field.requiredString("column"), field);
    }

    private static IndexField indexSettings(String column, FormatNode field) {
        field.object("column", "collate", "sort", "nulls", "opclass");
        if (field.has("column") && !column.equals(field.requiredString("column"))) {
            throw field.fail("column", "differs from the key it is listed under (\"" + column + "\")");
        }
        FormatNode opclass = field.optional("opclass");
        IndexField.OperatorClass operatorClass = null;
        if (opclass != null) {
            opclass.object("name", "params");
            operatorClass = new IndexField.OperatorClass(opclass.optionalString("name"),
                    opclass.stringList("params", false));
        }
        return new IndexField(column, field.optionalString("collate"), field.choice("sort", null, List.of("ASC", "DESC")),
                field.choice("nulls", null, List.of("FIRST", "LAST")), operatorClass);
    }

    private static DropConstraint dropConstraint(FormatNode op) {
        op.object("table", "name", "up", "down");
        return new DropConstraint(op.requiredString("table"), op.requiredString("name"),
                op.required("up").text(), op.required("down").text());
    }

    private static DropMultiColumnConstraint dropMultiColumnConstraint(FormatNode op) {
        op.object("table", "name", "up", "down");
        return new DropMultiColumnConstraint(op.requiredString("table"), op.requiredString("name"),
                op.stringMap("up", false), op.stringMap("down", true));
    }

    private static RenameConstraint renameConstraint(FormatNode op) {
        op.object("table", "from", "to");
        return new RenameConstraint(op.requiredString("table"), op.requiredString("from"), op.requiredString("to"));
    }

    /**
     * The type is matched without regard to case, as pgroll does; {@code index} is only required
     * (and only allowed) for type {@code index}, where the specification asks for it always.
     */
    private static SetReplicaIdentity setReplicaIdentity(FormatNode op) {
        op.object("table", "identity");
        FormatNode identity = op.required("identity").object("type", "index");
        FormatNode typeNode = identity.required("type");
        String type = typeNode.text().toLowerCase(Locale.ROOT);
        if (!REPLICA_IDENTITIES.contains(type)) {
            throw typeNode.fail("\"" + typeNode.text() + "\" is not one of " + String.join(", ", REPLICA_IDENTITIES)
                    + Suggestions.didYouMean(type, REPLICA_IDENTITIES));
        }
        String index = identity.optionalString("index");
        if (type.equals("index") && index == null) {
            throw identity.fail("missing required field \"index\" (the index to use for type index)");
        }
        if (!type.equals("index") && index != null) {
            throw identity.fail("index", "only type index takes an index, not type " + type);
        }
        return new SetReplicaIdentity(op.requiredString("table"), type, index);
    }

    private static RawSql rawSql(FormatNode op) {
        op.object("up", "down", "onComplete");
        boolean onComplete = op.bool("onComplete", false);
        String down = op.optionalString("down");
        if (onComplete && down != null) {
            throw op.fail("\"down\" cannot be given with \"onComplete\": true (SQL run at complete is not undone)");
        }
        String up = op.requiredString("up");
        if (up.isBlank()) {
            throw op.fail("up", "must not be empty");
        }
        return new RawSql(up, down, onComplete);
    }
}
