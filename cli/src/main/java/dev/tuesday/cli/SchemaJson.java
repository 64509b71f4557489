package dev.tuesday.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuesday.migrate.schema.DependentObject;
import dev.tuesday.migrate.schema.Partition;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code migrate analyze}: the schema as Tuesday reads it, as JSON — tables in name order, their
 * columns with what stands on each (indexes, constraints, views, other tables' foreign keys, …),
 * indexes and constraints with PostgreSQL's own definitions.
 */
final class SchemaJson {
    private SchemaJson() {
    }

    static String json(Schema schema) throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", schema.name());
        root.put("tables", schema.tables().values().stream().sorted(Comparator.comparing(Table::name))
                .map(SchemaJson::table).toList());
        root.put("other_relations", schema.otherRelations().stream().sorted().toList());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static Map<String, Object> table(Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("comment", t.comment());
        m.put("estimated_rows", t.estimatedRows());
        m.put("primary_key", t.primaryKey());
        m.put("replica_identity", t.replicaIdentity());
        m.put("partitions", t.partitioned() ? t.partitions().stream().map(Partition::name).toList() : null);
        m.put("columns", t.columns().stream().map(SchemaJson::column).toList());
        m.put("indexes", t.indexes().stream().map(i -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", i.name());
            x.put("definition", i.definition());
            x.put("valid", i.valid());
            return x;
        }).toList());
        m.put("constraints", t.constraints().stream().map(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", c.name());
            x.put("type", c.type().spelling());
            x.put("definition", c.definition());
            x.put("validated", c.validated());
            return x;
        }).toList());
        return m;
    }

    private static Map<String, Object> column(TableColumn c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("type", c.type());
        m.put("nullable", c.nullable());
        m.put("default", c.defaultValue());
        m.put("generated", c.generatedExpression());
        m.put("identity", c.identity());
        m.put("comment", c.comment());
        m.put("stands_on_it", c.dependents().stream().map(DependentObject::description).toList());
        return m;
    }
}
