package dev.tuesday.migrate.schema;

import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.op.ConstraintType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one schema from PostgreSQL's catalog into a {@link Schema}, the one picture of a schema that
 * validation, planning and lint share: seven queries for the whole schema (tables, columns,
 * constraints, indexes, partitions, what stands on each column, other relations), however many
 * tables it has. The tables are
 * the ones an application names: a partition is not one (its rows are its parent's, listed in the
 * parent's {@link Table#partitions}, every level of them), though its name, like an index's or a view's, is taken.
 * Names travel as values, never spliced into SQL, so quotes, spaces, upper case and reserved words
 * come back exactly. Needs only the right to read the catalog, which every role has.
 */
public final class SchemaReader {

    private SchemaReader() {
    }

    /**
     * The tables of {@code schemaName} as they are now.
     *
     * @throws MigrationException if the schema does not exist or the catalog cannot be read
     */
    public static Schema read(Connection connection, String schemaName) {
        try {
            long namespace = namespace(connection, schemaName);
            Map<Long, Builder> tables = tables(connection, namespace);
            columns(connection, namespace, tables);
            constraints(connection, namespace, tables);
            indexes(connection, namespace, tables);
            partitions(connection, namespace, tables);
            dependents(connection, namespace, tables);
            Map<String, Table> byName = new LinkedHashMap<>();
            tables.values().forEach(b -> byName.put(b.name, b.build()));
            return new Schema(schemaName, byName, otherRelations(connection, namespace));
        } catch (SQLException e) {
            throw new MigrationException("cannot read schema \"" + schemaName + "\" from the catalog: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static long namespace(Connection connection, String schemaName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT oid FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schemaName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new MigrationException("schema \"" + schemaName + "\" does not exist");
                }
                return rs.getLong(1);
            }
        }
    }

    private static Map<Long, Builder> tables(Connection connection, long namespace) throws SQLException {
        Map<Long, Builder> tables = new LinkedHashMap<>();
        String sql = """
                SELECT c.oid, c.relname, c.relreplident, d.description, c.reltuples::bigint
                FROM pg_class c
                LEFT JOIN pg_description d
                       ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
                WHERE c.relnamespace = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                ORDER BY c.relname""";
        try (ResultSet rs = query(connection, sql, namespace)) {
            while (rs.next()) {
                Builder b = new Builder(rs.getString(2));
                b.replicaIdentity = switch (rs.getString(3)) {
                    case "f" -> "full";
                    case "n" -> "nothing";
                    case "i" -> "index";
                    default -> "default";
                };
                b.comment = rs.getString(4);
                b.estimatedRows = rs.getLong(5);
                tables.put(rs.getLong(1), b);
            }
        }
        return tables;
    }

    private static void columns(Connection connection, long namespace, Map<Long, Builder> tables) throws SQLException {
        String sql = """
                SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, m.description
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                LEFT JOIN pg_description m
                       ON m.objoid = a.attrelid AND m.classoid = 'pg_class'::regclass AND m.objsubid = a.attnum
                WHERE c.relnamespace = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attrelid, a.attnum""";
        try (ResultSet rs = query(connection, sql, namespace)) {
            while (rs.next()) {
                Builder b = tables.get(rs.getLong(1));
                if (b == null) {
                    continue;
                }
                String expression = rs.getString(5);
                boolean generated = "s".equals(rs.getString(7)) || "v".equals(rs.getString(7));
                String identity = switch (rs.getString(6)) {
                    case "a" -> "ALWAYS";
                    case "d" -> "BY DEFAULT";
                    default -> null;
                };
                b.columns.add(new TableColumn(rs.getString(2), rs.getString(3), !rs.getBoolean(4),
                        generated ? null : expression, generated ? expression : null, identity, rs.getString(8)));
            }
        }
    }

    private static void constraints(Connection connection, long namespace, Map<Long, Builder> tables)
            throws SQLException {
        String sql = """
                SELECT c.conrelid, c.conname, c.contype,
                       ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
                       pg_get_constraintdef(c.oid), rn.nspname, rt.relname,
                       ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),
                       c.confmatchtype, c.confdeltype, c.confupdtype, c.condeferrable, c.condeferred,
                       c.convalidated, c.connoinherit, ic.relname
                FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid
                LEFT JOIN pg_class rt ON rt.oid = c.confrelid
                LEFT JOIN pg_namespace rn ON rn.oid = rt.relnamespace
                LEFT JOIN pg_class ic ON ic.oid = c.conindid AND c.contype IN ('p', 'u', 'x')
                WHERE t.relnamespace = ? AND t.relkind IN ('r', 'p') AND c.contype IN ('p', 'u', 'c', 'f', 'x')
                ORDER BY c.conrelid, c.conname""";
        try (ResultSet rs = query(connection, sql, namespace)) {
            while (rs.next()) {
                Builder b = tables.get(rs.getLong(1));
                if (b == null) {
                    continue;
                }
                ConstraintType type = switch (rs.getString(3)) {
                    case "p" -> ConstraintType.PRIMARY_KEY;
                    case "u" -> ConstraintType.UNIQUE;
                    case "c" -> ConstraintType.CHECK;
                    case "f" -> ConstraintType.FOREIGN_KEY;
                    default -> ConstraintType.EXCLUDE;
                };
                boolean fk = type == ConstraintType.FOREIGN_KEY;
                List<String> columns = strings(rs.getArray(4));
                if (type == ConstraintType.PRIMARY_KEY) {
                    b.primaryKey = columns;
                }
                b.constraints.add(new TableConstraintInfo(rs.getString(2), type, columns, rs.getString(5),
                        rs.getString(6), rs.getString(7), strings(rs.getArray(8)),
                        fk ? matchType(rs.getString(9)) : null, fk ? action(rs.getString(10)) : null,
                        fk ? action(rs.getString(11)) : null, rs.getBoolean(12), rs.getBoolean(13),
                        rs.getBoolean(14), rs.getBoolean(15), rs.getString(16)));
            }
        }
    }

    private static void indexes(Connection connection, long namespace, Map<Long, Builder> tables) throws SQLException {
        String sql = """
                SELECT x.indrelid, i.relname, x.indisunique, x.indisprimary, x.indisvalid, am.amname,
                       pg_get_expr(x.indpred, x.indrelid), pg_get_indexdef(x.indexrelid),
                       ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, i)
                             LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.i),
                       x.indnkeyatts, x.indisreplident
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_am am ON am.oid = i.relam
                WHERE t.relnamespace = ? AND t.relkind IN ('r', 'p')
                ORDER BY x.indrelid, i.relname""";
        try (ResultSet rs = query(connection, sql, namespace)) {
            while (rs.next()) {
                Builder b = tables.get(rs.getLong(1));
                if (b == null) {
                    continue;
                }
                List<String> all = Arrays.asList((String[]) rs.getArray(9).getArray());
                int keys = rs.getInt(10);
                b.indexes.add(new TableIndex(rs.getString(2), all.subList(0, keys), all.subList(keys, all.size()),
                        rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), rs.getString(6), rs.getString(7),
                        rs.getString(8)));
                if (rs.getBoolean(11)) {
                    b.replicaIdentityIndex = rs.getString(2);
                }
            }
        }
    }

    private static void partitions(Connection connection, long namespace, Map<Long, Builder> tables)
            throws SQLException {
        String sql = """
                SELECT c.oid, ln.nspname, l.relname, pn.nspname, p.relname, t.isleaf
                FROM pg_class c
                LEFT JOIN LATERAL pg_partition_tree(c.oid) t ON t.level > 0
                LEFT JOIN pg_class l ON l.oid = t.relid
                LEFT JOIN pg_namespace ln ON ln.oid = l.relnamespace
                LEFT JOIN pg_class p ON p.oid = t.parentrelid
                LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
                WHERE c.relnamespace = ? AND c.relkind = 'p' AND NOT c.relispartition
                ORDER BY c.oid, t.level, ln.nspname, l.relname""";
        try (ResultSet rs = query(connection, sql, namespace)) {
            while (rs.next()) {
                Builder b = tables.get(rs.getLong(1));
                if (b.partitions == null) {
                    b.partitions = new ArrayList<>();
                }
                if (rs.getString(3) != null) {
                    b.partitions.add(new Partition(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBoolean(6)));
                }
            }
        }
    }

    /**
     * What stands on each column ({@link TableColumn#dependents()}): every object {@code pg_depend}
     * records on it, sorted in the query into a {@link DependentObject.Kind} with the facts that
     * decide it, and the partition key that names it.
     */
    private static void dependents(Connection connection, long namespace, Map<Long, Builder> tables)
            throws SQLException {
        Map<Long, Map<String, List<DependentObject>>> found = new LinkedHashMap<>();
        try (ResultSet rs = query(connection, DEPENDENTS, namespace)) {
            while (rs.next()) {
                found.computeIfAbsent(rs.getLong(1), t -> new LinkedHashMap<>())
                        .computeIfAbsent(rs.getString(2), col -> new ArrayList<>())
                        .add(new DependentObject(DependentObject.Kind.valueOf(rs.getString(3)), rs.getLong(4),
                                rs.getLong(5), rs.getString(6), rs.getString(7)));
            }
        }
        found.forEach((table, columns) -> {
            Builder b = tables.get(table);
            b.columns.replaceAll(col -> columns.containsKey(col.name()) ? col.withDependents(columns.get(col.name())) : col);
        });
    }

    /** An object as PostgreSQL describes it; a view or materialized view rather than its rule. */
    public static final String DESCRIBE = "CASE WHEN d.classid = 'pg_rewrite'::regclass THEN coalesce((SELECT"
            + " pg_describe_object('pg_class'::regclass, ev_class, 0) FROM pg_rewrite WHERE oid = d.objid"
            + " AND rulename = '_RETURN'), pg_describe_object(d.classid, d.objid, d.objsubid))"
            + " ELSE pg_describe_object(d.classid, d.objid, d.objsubid) END";

    private static final String DEPENDENTS = """
            WITH ns AS (SELECT CAST(? AS oid) AS oid)
            SELECT DISTINCT t.oid, a.attname, CASE d.classid
                     WHEN 'pg_class'::regclass THEN CASE
                       WHEN d.objid = t.oid AND d.objsubid > 0 THEN 'GENERATED_COLUMN'
                       WHEN o.relkind IN ('i', 'I') THEN CASE WHEN EXISTS
                         (SELECT FROM pg_constraint k WHERE k.conindid = o.oid) THEN 'CONSTRAINT_INDEX' ELSE 'INDEX' END
                       WHEN o.relkind = 'S' AND d.deptype = 'a' THEN 'OWNED_SEQUENCE'
                       WHEN o.relkind = 'S' AND d.deptype = 'i' THEN 'IDENTITY_SEQUENCE'
                       ELSE 'OTHER_RELATION' END
                     WHEN 'pg_rewrite'::regclass THEN CASE
                       WHEN r.rulename <> '_RETURN' THEN 'RULE'
                       WHEN rv.relkind = 'v' THEN 'VIEW'
                       WHEN rv.relkind = 'm' AND EXISTS (SELECT FROM pg_depend u JOIN pg_rewrite w
                            ON u.classid = 'pg_rewrite'::regclass AND w.oid = u.objid
                            WHERE u.refobjid = rv.oid AND w.ev_class <> u.refobjid) THEN 'MATERIALIZED_VIEW_UNDER_VIEWS'
                       WHEN rv.relkind = 'm' THEN 'MATERIALIZED_VIEW'
                       ELSE 'RULE' END
                     WHEN 'pg_constraint'::regclass THEN CASE k.contype
                       WHEN 'n' THEN 'NOT_NULL' WHEN 'c' THEN 'CHECK' WHEN 'u' THEN 'UNIQUE' WHEN 'p' THEN 'PRIMARY_KEY'
                       WHEN 'f' THEN CASE
                         WHEN k.conrelid = t.oid AND a.attnum = ANY (k.conkey) THEN 'FOREIGN_KEY'
                         WHEN k.confrelid = t.oid AND k.conrelid <> t.oid THEN 'REFERENCE'
                         ELSE 'SELF_REFERENCE' END
                       ELSE 'EXCLUSION' END
                     WHEN 'pg_trigger'::regclass THEN CASE WHEN g.tgparentid <> 0 OR g.tgisinternal
                       THEN 'INTERNAL_TRIGGER' ELSE 'TRIGGER' END
                     WHEN 'pg_policy'::regclass THEN 'POLICY'
                     WHEN 'pg_statistic_ext'::regclass THEN 'STATISTICS'
                     WHEN 'pg_attrdef'::regclass THEN CASE WHEN ad.adnum = a.attnum
                       THEN 'OWN_DEFAULT' ELSE 'GENERATED_COLUMN' END
                     ELSE 'OTHER' END,
                   d.classid::bigint, d.objid::bigint, %DESCRIBE%, rn.nspname::text
              FROM pg_class t
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
              JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = t.oid AND d.refobjsubid = a.attnum
              LEFT JOIN pg_class o ON d.classid = 'pg_class'::regclass AND o.oid = d.objid
              LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
              LEFT JOIN pg_class rv ON rv.oid = r.ev_class
              LEFT JOIN pg_namespace rn ON rn.oid = rv.relnamespace
              LEFT JOIN pg_constraint k ON d.classid = 'pg_constraint'::regclass AND k.oid = d.objid
              LEFT JOIN pg_trigger g ON d.classid = 'pg_trigger'::regclass AND g.oid = d.objid
              LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
             WHERE t.relnamespace = (SELECT oid FROM ns) AND t.relkind IN ('r', 'p') AND NOT t.relispartition
            UNION ALL
            SELECT t.oid, a.attname, 'PARTITION_KEY', 'pg_class'::regclass::oid::bigint, t.oid::bigint,
                   'the partition key of ' || pg_describe_object('pg_class'::regclass, t.oid, 0), NULL
              FROM pg_class t
              JOIN pg_partitioned_table pt ON pt.partrelid = t.oid
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (pt.partattrs::int2[])
             WHERE t.relnamespace = (SELECT oid FROM ns) AND NOT t.relispartition
            UNION ALL
            -- Made on one partition alone (at any level), listed under the partitioned table's column
            -- of the same name: what PostgreSQL keeps in step with the table (a partition's index,
            -- constraint, trigger or default from the table's) goes with the column.
            SELECT t.oid, a.attname, 'ON_PARTITION', d.classid::bigint, d.objid::bigint,
                   %DESCRIBE% || ' (on partition ' || p.oid::regclass::text || ')', NULL
              FROM pg_class t
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
              JOIN LATERAL pg_partition_tree(t.oid) tree ON tree.level > 0
              JOIN pg_class p ON p.oid = tree.relid
              JOIN pg_attribute pa ON pa.attrelid = p.oid AND pa.attname = a.attname
              JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = p.oid
                   AND d.refobjsubid = pa.attnum AND d.deptype IN ('n', 'a')
             WHERE t.relnamespace = (SELECT oid FROM ns) AND t.relkind = 'p' AND NOT t.relispartition
               AND NOT (d.classid = 'pg_class'::regclass AND (d.objid = p.oid
                    OR EXISTS (SELECT FROM pg_inherits h WHERE h.inhrelid = d.objid)
                    OR EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = d.objid AND k.conrelid = p.oid)))
               AND NOT (d.classid = 'pg_constraint'::regclass AND EXISTS (SELECT FROM pg_constraint k
                    WHERE k.oid = d.objid AND (k.conparentid <> 0 OR k.coninhcount > 0 OR k.contype = 'n')))
               AND NOT (d.classid = 'pg_trigger'::regclass AND EXISTS (SELECT FROM pg_trigger g
                    WHERE g.oid = d.objid AND (g.tgparentid <> 0 OR g.tgisinternal)))
               AND d.classid <> 'pg_attrdef'::regclass
             ORDER BY 1, 2, 4, 5""".replace("%DESCRIBE%", DESCRIBE);

    /** Names taken by relations that are not tables: views, sequences, partitions and their indexes */
    private static Set<String> otherRelations(Connection connection, long namespace) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        String sql = """
                SELECT c.relname FROM pg_class c
                LEFT JOIN pg_index x ON x.indexrelid = c.oid
                LEFT JOIN pg_class t ON t.oid = x.indrelid
                WHERE c.relnamespace = ?
                  AND NOT (c.relkind IN ('r', 'p') AND NOT c.relispartition)
                  AND NOT (c.relkind IN ('i', 'I') AND NOT t.relispartition)""";
        try (ResultSet rs = query(connection, sql, namespace)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static ResultSet query(Connection connection, String sql, long namespace) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        ps.setLong(1, namespace);
        // The statement is closed with its result set, which the caller closes.
        ps.closeOnCompletion();
        return ps.executeQuery();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static String action(String code) {
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static String matchType(String code) {
        return switch (code) {
            case "f" -> "FULL";
            case "p" -> "PARTIAL";
            default -> "SIMPLE";
        };
    }

    /** A table being assembled from the rows of several queries. */
    private static final class Builder {
        final String name;
        final List<TableColumn> columns = new ArrayList<>();
        final List<TableConstraintInfo> constraints = new ArrayList<>();
        final List<TableIndex> indexes = new ArrayList<>();
        List<String> primaryKey = List.of();
        String replicaIdentity = "default";
        String replicaIdentityIndex;
        String comment;
        long estimatedRows;
        List<Partition> partitions;

        Builder(String name) {
            this.name = name;
        }

        Table build() {
            return new Table(name, name, columns, primaryKey, constraints, indexes, replicaIdentity,
                    "index".equals(replicaIdentity) ? replicaIdentityIndex : null, comment, estimatedRows, partitions);
        }
    }
}
