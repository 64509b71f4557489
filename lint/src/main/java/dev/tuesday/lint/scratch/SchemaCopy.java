package dev.tuesday.lint.scratch;

import dev.tuesday.migrate.op.ConstraintType;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.SchemaReader;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import dev.tuesday.migrate.schema.TableConstraintInfo;
import dev.tuesday.migrate.schema.TableIndex;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A live database's schema as DDL, in an order that loads: extensions, schemas, enums, sequences,
 * tables (columns, defaults), constraints (foreign keys last), indexes, views. The tables come from
 * the same {@link SchemaReader} that validation and planning use, one user schema at a time; a
 * partitioned table is copied as a plain one (its partitions are storage, not shape). Functions and
 * triggers are left out; a check of the running version's queries needs the tables, not the code
 * behind them.
 */
final class SchemaCopy {

    private SchemaCopy() {}

    private static final String USER_NAMESPACES = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname <> 'tuesday'";

    /** Constraints load in this order: keys first (foreign keys point at them), foreign keys last. */
    private static final List<ConstraintType> CONSTRAINT_ORDER = List.of(ConstraintType.PRIMARY_KEY,
            ConstraintType.UNIQUE, ConstraintType.CHECK, ConstraintType.EXCLUDE, ConstraintType.FOREIGN_KEY);

    static List<String> ddl(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String ext : strings(c, "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'")) {
            out.add("CREATE EXTENSION IF NOT EXISTS " + q(ext));
        }
        List<String> namespaces = strings(c, "SELECT n.nspname FROM pg_namespace n WHERE " + USER_NAMESPACES
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = n.oid AND d.deptype = 'e')"
                + " ORDER BY 1");
        for (String schema : namespaces) {
            if (!schema.equals("public")) {
                out.add("CREATE SCHEMA IF NOT EXISTS " + q(schema));
            }
        }
        out.addAll(strings(c, "SELECT 'CREATE TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) "
                + "|| ' AS ENUM (' || string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) || ')' "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid "
                + "WHERE " + USER_NAMESPACES + " GROUP BY n.nspname, t.typname"));
        out.addAll(strings(c, "SELECT 'CREATE SEQUENCE IF NOT EXISTS ' || quote_ident(n.nspname) || '.' "
                + "|| quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind = 'S' AND " + USER_NAMESPACES));
        List<Schema> schemas = new ArrayList<>();
        for (String namespace : namespaces) {
            schemas.add(SchemaReader.read(c, namespace));
        }
        List<String> constraints = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        for (Schema schema : schemas) {
            for (Table table : schema.tables().values()) {
                String name = q(schema.name()) + "." + q(table.name());
                out.add("CREATE TABLE " + name + " ("
                        + table.columns().stream().map(SchemaCopy::column).collect(Collectors.joining(", ")) + ")");
            }
        }
        for (ConstraintType type : CONSTRAINT_ORDER) {
            for (Schema schema : schemas) {
                for (Table table : schema.tables().values()) {
                    for (TableConstraintInfo k : table.constraints()) {
                        if (k.type() == type) {
                            constraints.add("ALTER TABLE " + q(schema.name()) + "." + q(table.name())
                                    + " ADD CONSTRAINT " + q(k.name()) + " " + k.definition());
                        }
                    }
                }
            }
        }
        for (Schema schema : schemas) {
            for (Table table : schema.tables().values()) {
                Set<String> behindConstraints = table.constraints().stream().map(TableConstraintInfo::index)
                        .filter(i -> i != null).collect(Collectors.toSet());
                table.indexes().stream().filter(i -> !behindConstraints.contains(i.name()))
                        .sorted(Comparator.comparing(TableIndex::name))
                        .forEach(i -> indexes.add(i.definition()));
            }
        }
        out.addAll(constraints);
        out.addAll(indexes);
        out.addAll(strings(c, "SELECT 'CREATE VIEW ' || quote_ident(n.nspname) || '.' || quote_ident(v.relname) "
                + "|| ' AS ' || pg_get_viewdef(v.oid) FROM pg_class v JOIN pg_namespace n ON n.oid = v.relnamespace "
                + "WHERE v.relkind = 'v' AND " + USER_NAMESPACES + " ORDER BY v.oid"));
        return out;
    }

    private static String column(TableColumn column) {
        StringBuilder col = new StringBuilder(q(column.name())).append(' ').append(column.type());
        if (column.identity() != null) {
            col.append(" GENERATED ").append(column.identity()).append(" AS IDENTITY");
        } else if (column.generatedExpression() != null) {
            col.append(" GENERATED ALWAYS AS (").append(column.generatedExpression()).append(") STORED");
        } else if (column.defaultValue() != null) {
            col.append(" DEFAULT ").append(column.defaultValue());
        }
        if (!column.nullable()) {
            col.append(" NOT NULL");
        }
        return col.toString();
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String q(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }
}
