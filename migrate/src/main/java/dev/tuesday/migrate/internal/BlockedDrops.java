package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.ValidationException;
import dev.tuesday.migrate.schema.SchemaReader;
import dev.tuesday.migrate.schema.ValidationProblem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What the contract drops ({@code drop_column}, {@code drop_table}) must have nothing else standing
 * on it: PostgreSQL refuses to drop a column or table that a view, another table's foreign key, a
 * policy or a trigger on the column still uses (its normal dependencies in {@code pg_depend}), and
 * would refuse it there, after the applications moved. What stands on a partition's column (a view
 * over one partition) counts too: dropping the partitioned table's column drops the partitions'.
 * Looked at by validate, by start before any DDL, and by complete before the contract.
 */
final class BlockedDrops {

    private BlockedDrops() {
    }

    private static final String BLOCKING = """
            SELECT string_agg(DISTINCT %DESCRIBE%, ', ')
              FROM pg_depend d
             WHERE d.refclassid = 'pg_class'::regclass AND d.deptype = 'n'
               AND d.refobjid IN (SELECT CAST(? AS regclass) UNION SELECT relid FROM pg_partition_tree(CAST(? AS regclass)))
               AND NOT EXISTS (SELECT 1 FROM pg_depend o WHERE o.classid = d.classid AND o.objid = d.objid
                    AND o.refclassid = d.refclassid AND o.refobjid = d.refobjid AND o.deptype IN ('a', 'i')
                    AND (CAST(? AS text) IS NULL OR o.refobjsubid = d.refobjsubid))
               AND (CAST(? AS text) IS NULL OR d.refobjsubid = (SELECT attnum FROM pg_attribute
                    WHERE attrelid = d.refobjid AND attname = CAST(? AS text)))
               AND coalesce((SELECT NOT (n.nspname = ANY (CAST(? AS text[])))
                               FROM pg_rewrite w JOIN pg_class v ON v.oid = w.ev_class
                               JOIN pg_namespace n ON n.oid = v.relnamespace WHERE w.oid = d.objid), true)
               AND (CAST(? AS text) IS NOT NULL OR coalesce(CASE d.classid
                    WHEN 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_rewrite WHERE oid = d.objid)
                    WHEN 'pg_constraint'::regclass THEN (SELECT conrelid FROM pg_constraint WHERE oid = d.objid)
                    WHEN 'pg_policy'::regclass THEN (SELECT polrelid FROM pg_policy WHERE oid = d.objid)
                    WHEN 'pg_trigger'::regclass THEN (SELECT tgrelid FROM pg_trigger WHERE oid = d.objid)
                    WHEN 'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = d.objid)
                    WHEN 'pg_class'::regclass THEN d.objid END, 0) <> d.refobjid)""".replace("%DESCRIBE%", SchemaReader.DESCRIBE);

    /**
     * Refuses a column or table the contract would drop while something else still stands on it
     * (a view, another table's foreign key, a policy, a trigger on the column): PostgreSQL would
     * refuse the drop there, after the applications moved. What goes with the dropped object
     * (its own indexes and constraints) is not in the way.
     */
    static void refuse(Connection c, String source, String schema, List<PlanContext.Drop> drops,
            Set<String> ignoredSchemas) throws SQLException {
        for (PlanContext.Drop drop : drops) {
            try (PreparedStatement ps = c.prepareStatement(BLOCKING)) {
                ps.setString(1, Sql.qualified(schema, drop.table()));
                ps.setString(2, Sql.qualified(schema, drop.table()));
                ps.setString(3, drop.column());
                ps.setString(4, drop.column());
                ps.setString(5, drop.column());
                ps.setArray(6, c.createArrayOf("text", ignoredSchemas.toArray()));
                ps.setString(7, drop.column());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        String kind = drop.kind();
                        String what = drop.column() == null ? "table " + Sql.ident(drop.table())
                                : "column " + Sql.ident(drop.column()) + " of table " + Sql.ident(drop.table());
                        throw new ValidationException(source, drop.operation(), kind,
                                new ValidationProblem.StillUsed(rs.getString(1), what));
                    }
                }
            }
        }
    }
}
