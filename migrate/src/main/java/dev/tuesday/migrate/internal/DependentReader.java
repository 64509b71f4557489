package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.ValidationException;
import dev.tuesday.migrate.schema.ValidationProblem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what stands on the columns a migration replaces, from PostgreSQL's own record of it
 * ({@code pg_depend}), so nothing is missed: every object found is either carried (a
 * {@link Dependent}) or refused with one line naming it, before anything changes.
 *
 * <p>{@link #find} only reads the catalog and takes no lock: it is what {@code validate} runs.
 * {@link #read} also asks the server how each object reads with the column named as its
 * replacement: inside a transaction that is always rolled back it renames the columns to their
 * shadows' names and prints the definitions again ({@code pg_get_viewdef},
 * {@code pg_get_indexdef}, …), so views with joins and aliases, index expressions and predicates
 * come out exactly right, with no SQL rewritten by hand. The rename takes the table's exclusive
 * lock for a moment, under {@code lock_timeout} like every DDL step.
 */
final class DependentReader {

    /** One object standing on a column, as {@code pg_depend} names it. */
    record Found(Dependent.Kind kind, long classid, long objid, String description, ColumnSwap swap) {
    }

    /** An object as PostgreSQL describes it; a view or materialized view rather than its rule. */
    static final String DESCRIBE = "CASE WHEN d.classid = 'pg_rewrite'::regclass THEN coalesce((SELECT"
            + " pg_describe_object('pg_class'::regclass, ev_class, 0) FROM pg_rewrite WHERE oid = d.objid"
            + " AND rulename = '_RETURN'), pg_describe_object(d.classid, d.objid, d.objsubid))"
            + " ELSE pg_describe_object(d.classid, d.objid, d.objsubid) END";

    private static final String DEPENDS = """
            SELECT DISTINCT d.classid::regclass::text, d.classid::bigint, d.objid::bigint, d.objsubid, d.deptype,
                   %DESCRIBE%, a.attnum, a.attidentity::text,
                   a.attgenerated::text, t.relkind::text,
                   coalesce((SELECT a.attnum = ANY (pt.partattrs::int2[]) FROM pg_partitioned_table pt
                             WHERE pt.partrelid = a.attrelid), false)
              FROM pg_attribute a
              JOIN pg_class t ON t.oid = a.attrelid
              LEFT JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = a.attrelid
                   AND d.refobjsubid = a.attnum
             WHERE a.attrelid = ?::regclass AND a.attname = ?""".replace("%DESCRIBE%", DESCRIBE);

    private DependentReader() {
    }

    /**
     * What stands on what a contract replaces or drops, without locks or changes: a drop that
     * something still reads is refused ({@link BlockedDrops}), and the objects on the replaced
     * columns are returned, or the first that cannot be carried refused.
     *
     * @throws ValidationException naming the object
     */
    static List<Found> standing(Connection c, String source, String schema, Planners.Reach reach,
            Set<String> ignoredSchemas) throws SQLException {
        BlockedDrops.refuse(c, source, schema, reach.drops(), ignoredSchemas);
        return find(c, source, schema, reach.swaps(), ignoredSchemas);
    }

    /**
     * The objects standing on each column of {@code swaps}, without locks or changes.
     *
     * @param ignoredSchemas version schemas: their views are Tuesday's own and are dropped with them
     * @throws ValidationException naming the first object that cannot be carried
     */
    private static List<Found> find(Connection c, String source, String schema, List<ColumnSwap> swaps, Set<String> ignoredSchemas)
            throws SQLException {
        Map<Long, Found> found = new LinkedHashMap<>();
        for (ColumnSwap swap : swaps) {
            try (PreparedStatement ps = c.prepareStatement(DEPENDS)) {
                ps.setString(1, Sql.qualified(schema, swap.table()));
                ps.setString(2, swap.column());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        refuseColumn(source, swap, rs.getString(9), rs.getBoolean(11));
                        if (rs.getString(1) == null) {
                            continue;
                        }
                        Found f = classify(c, source, schema, swap, rs.getString(1), rs.getLong(2), rs.getLong(3),
                                rs.getInt(4), rs.getString(5), rs.getString(6), rs.getInt(7), ignoredSchemas);
                        if (f != null) {
                            found.putIfAbsent(f.objid(), f);
                        }
                    }
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static void refuseColumn(String source, ColumnSwap swap, String generated, boolean partitionKey) {
        if (partitionKey) {
            throw refuse(source, swap, "column " + Sql.ident(swap.column()), "it is in the partition key, which"
                    + " PostgreSQL cannot drop", "change it with a new partitioned table, moving the rows with a sql operation");
        }
        if (generated != null && !generated.isEmpty()) {
            throw refuse(source, swap, "column " + Sql.ident(swap.column()), "it is a generated column",
                    "drop the generation expression first, or add a new generated column");
        }

    }

    private static Found classify(Connection c, String source, String schema, ColumnSwap swap, String catalog,
            long classid, long objid, int objsubid, String deptype, String description, int attnum,
            Set<String> ignoredSchemas) throws SQLException {
        switch (catalog) {
            case "pg_class" -> {
                String[] rel = one(c, "SELECT relkind::text, (oid = ?::regclass)::text,"
                        + " (SELECT count(*) FROM pg_constraint WHERE conindid = c.oid)::text FROM pg_class c WHERE oid = ?",
                        Sql.qualified(schema, swap.table()), objid);
                if (objsubid > 0 && "true".equals(rel[1])) {
                    throw refuse(source, swap, description, "a generated column is computed from it",
                            "drop the generation expression first, or give the generated column an up of its own");
                }
                if ("i".equals(rel[0]) || "I".equals(rel[0])) {
                    // The index of a key constraint is carried with the constraint.
                    return "0".equals(rel[2]) ? new Found(Dependent.Kind.INDEX, classid, objid, description, swap) : null;
                }
                if ("S".equals(rel[0]) && "a".equals(deptype)) {
                    return new Found(Dependent.Kind.SEQUENCE, classid, objid, description, swap);
                }
                if ("S".equals(rel[0]) && "i".equals(deptype)) {
                    return null; // An identity column's own sequence: carried with the identity.
                }
                throw refuse(source, swap, description, "Tuesday does not know how to carry it", "drop it before"
                        + " the migration and create it again after");
            }
            case "pg_rewrite" -> {
                String[] rule = one(c, "SELECT r.rulename::text, v.relkind::text, n.nspname::text FROM pg_rewrite r"
                        + " JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace n ON n.oid = v.relnamespace"
                        + " WHERE r.oid = ?", objid);
                if (ignoredSchemas.contains(rule[2])) {
                    return null;
                }
                if ("_RETURN".equals(rule[0]) && "v".equals(rule[1])) {
                    return new Found(Dependent.Kind.VIEW, classid, objid, description, swap);
                }
                if ("_RETURN".equals(rule[0]) && "m".equals(rule[1])) {
                    String[] users = one(c, "SELECT count(*)::text FROM pg_depend d JOIN pg_rewrite w"
                            + " ON d.classid = 'pg_rewrite'::regclass AND w.oid = d.objid"
                            + " WHERE d.refobjid = (SELECT ev_class FROM pg_rewrite WHERE oid = ?) AND w.ev_class <> d.refobjid",
                            objid);
                    if (!"0".equals(users[0])) {
                        throw refuse(source, swap, description, "views are built on the materialized view",
                                "drop them before the migration and create them again after");
                    }
                    return new Found(Dependent.Kind.MATERIALIZED_VIEW, classid, objid, description, swap);
                }
                throw refuse(source, swap, description, "rules are not carried", "drop the rule before the migration and"
                        + " create it again after");
            }
            case "pg_constraint" -> {
                String[] con = one(c, "SELECT contype::text, (conrelid = ?::regclass)::text,"
                        + " (confrelid = ?::regclass)::text, (? = ANY (conkey))::text FROM pg_constraint WHERE oid = ?",
                        Sql.qualified(schema, swap.table()), Sql.qualified(schema, swap.table()), attnum, objid);
                return switch (con[0]) {
                    case "n" -> null; // NOT NULL (PostgreSQL 18): the shadow's nullability carries it.
                    case "c" -> new Found(Dependent.Kind.CONSTRAINT, classid, objid, description, swap);
                    case "u" -> new Found(Dependent.Kind.KEY, classid, objid, description, swap);
                    case "f" -> {
                        boolean own = "true".equals(con[1]) && "true".equals(con[3]);
                        boolean in = "true".equals(con[2]) && !("true".equals(con[1]));
                        if (own == in) {
                            throw refuse(source, swap, description, "a foreign key of the table to itself on this column",
                                    "drop it before the migration and create it again after");
                        }
                        yield new Found(own ? Dependent.Kind.CONSTRAINT : Dependent.Kind.REFERENCE, classid, objid,
                                description, swap);
                    }
                    case "p" -> new Found(Dependent.Kind.KEY, classid, objid, description, swap);
                    default -> throw refuse(source, swap, description, "exclusion constraints cannot be added without a"
                            + " scan under an exclusive lock", "drop it before the migration and create it again after");
                };
            }
            case "pg_trigger" -> {
                String[] trigger = one(c, "SELECT (tgparentid <> 0 OR tgisinternal)::text FROM pg_trigger WHERE oid = ?",
                        objid);
                return "true".equals(trigger[0]) ? null : new Found(Dependent.Kind.TRIGGER, classid, objid, description, swap);
            }
            case "pg_policy" -> {
                return new Found(Dependent.Kind.POLICY, classid, objid, description, swap);
            }
            case "pg_statistic_ext" -> {
                return new Found(Dependent.Kind.STATISTICS, classid, objid, description, swap);
            }
            case "pg_attrdef" -> {
                String[] def = one(c, "SELECT (adnum = ?)::text FROM pg_attrdef WHERE oid = ?", attnum, objid);
                if ("true".equals(def[0])) {
                    return null; // The column's own default: the shadow gets it (or the one the operation gives).
                }
                throw refuse(source, swap, description, "a generated column is computed from it",
                        "drop the generation expression first, or give the generated column an up of its own");
            }
            default -> throw refuse(source, swap, description, "Tuesday does not know how to carry it",
                    "drop it before the migration and create it again after");
        }
    }

    /**
     * The objects of {@code found} with the SQL that carries each, read in one transaction that
     * renames the columns to their shadows' names and is rolled back; a lock timeout is retried
     * like a DDL step's. The same transaction then rehearses the contract on a column of the new
     * type: views redefined, constraints and materialized views made on it, triggers, policies and
     * statistics made again once it has the column's name; what fails there is refused now, with
     * PostgreSQL's reason, instead of failing at complete.
     *
     * @throws ValidationException naming the first object that would not survive the change
     */
    static List<Dependent> read(Connection c, Migration m, Settings settings, List<Found> found, List<ColumnSwap> swaps)
            throws SQLException {
        return LockRetry.run(settings, m.name(), "read what stands on the columns",
                () -> readOnce(c, m, settings, found, swaps));
    }

    private static List<Dependent> readOnce(Connection c, Migration m, Settings settings, List<Found> found,
            List<ColumnSwap> swaps) throws SQLException {
        String schema = settings.schema();
        List<Dependent> out = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + settings.lockTimeout().toMillis() + "ms'");
            // Every name printed qualified, so the definitions read the same whatever the path.
            s.execute("SET LOCAL search_path = pg_catalog");
            for (ColumnSwap swap : swaps) {
                out.add(column(c, schema, swap));
                Dependent identity = identity(c, schema, swap);
                if (identity != null) {
                    out.add(identity);
                }
            }
            Map<Long, DependentSql.Before> before = new LinkedHashMap<>();
            Map<Long, ViewChain> chains = new LinkedHashMap<>();
            for (Found f : found) {
                before.put(f.objid(), DependentSql.before(c, schema, f));
                if (f.kind() == Dependent.Kind.VIEW) {
                    // Read now, while the definitions name the column as it is: used if its type changes.
                    chains.put(f.objid(), ViewChain.of(c, Long.parseLong(one(c,
                            "SELECT ev_class::bigint FROM pg_rewrite WHERE oid = ?", f.objid())[0])));
                }
            }
            for (ColumnSwap swap : swaps) {
                s.execute("ALTER TABLE " + Sql.qualified(schema, swap.table()) + " RENAME COLUMN "
                        + Sql.ident(swap.column()) + " TO " + Sql.ident(swap.shadow()));
            }
            List<Dependent> carried = new ArrayList<>();
            for (Found f : found) {
                carried.add(DependentSql.carry(c, schema, f, before.get(f.objid())));
            }
            Rehearsal.rehearse(c, m, schema, swaps, found, carried, chains);
            out.addAll(carried);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
        return out;
    }

    /**
     * An identity column: its sequence goes with it in the contract, so the shadow draws from it
     * meanwhile (a default), and the contract makes the shadow an identity column of the same kind
     * and options, its sequence (of the same name) going on from where the old one stopped.
     * Null when the column is not an identity column.
     */
    private static Dependent identity(Connection c, String schema, ColumnSwap swap) throws SQLException {
        String table = Sql.qualified(schema, swap.table());
        String[] r = one(c, "SELECT a.attidentity::text, pg_get_serial_sequence(CAST(? AS text), a.attname),"
                + " s.seqincrement::text, s.seqcache::text, s.seqcycle::text"
                + " FROM pg_attribute a LEFT JOIN pg_sequence s"
                + " ON s.seqrelid = pg_get_serial_sequence(CAST(? AS text), a.attname)::regclass"
                + " WHERE a.attrelid = CAST(? AS regclass) AND a.attname = ?", table, table, table, swap.column());
        if (r[0] == null || r[0].isEmpty()) {
            return null;
        }
        String sequence = r[1];
        String shadow = Sql.ident(swap.shadow());
        String column = Sql.ident(swap.completeName());
        // A transaction-local setting carries the last value from the old sequence to the new one.
        String setting = Sql.literal("tuesday.identity_" + swap.operation() + "_"
                + Integer.toHexString(swap.column().hashCode()));
        String release = "ALTER TABLE " + table + " ALTER COLUMN " + shadow + " DROP DEFAULT;\n"
                + "SELECT set_config(" + setting + ", (SELECT last_value || ',' || is_called FROM " + sequence + "), true)";
        List<String> restore = List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " ADD GENERATED "
                + ("a".equals(r[0]) ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY (SEQUENCE NAME " + sequence
                + " INCREMENT BY " + r[2] + " CACHE " + r[3] + ("true".equals(r[4]) ? " CYCLE" : " NO CYCLE") + ")",
                "SELECT setval(" + Sql.literal(sequence) + ", split_part(current_setting(" + setting + "), ',', 1)::bigint,"
                        + " split_part(current_setting(" + setting + "), ',', 2)::boolean)");
        return new Dependent(Dependent.Kind.IDENTITY, "the identity of column " + Sql.ident(swap.column()), swap,
                "ALTER TABLE " + table + " ALTER COLUMN " + shadow + " SET DEFAULT nextval(" + Sql.literal(sequence)
                        + "::regclass)", null, release, restore, null, null, null);
    }

    /**
     * The column's own properties, which the shadow does not get from {@code ADD COLUMN}: its
     * collation (when the type stays), comment, statistics target, options and column grants.
     */
    private static Dependent column(Connection c, String schema, ColumnSwap swap) throws SQLException {
        String table = Sql.qualified(schema, swap.table());
        String shadow = table + "." + Sql.ident(swap.shadow());
        String[] r = one(c, "SELECT col_description(a.attrelid, a.attnum), nullif(a.attstattarget, -1)::text,"
                + " array_to_string(a.attoptions, ', '),"
                + " (SELECT string_agg('GRANT ' || x.privilege_type || ' (' || quote_ident(?) || ') ON ' || a.attrelid::regclass::text"
                + " || ' TO ' || CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END"
                + " || CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, ';\n')"
                + " FROM aclexplode(a.attacl) x),"
                + " CASE WHEN a.attcollation <> t.typcollation AND format_type(a.atttypid, a.atttypmod) = ?"
                + " THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace"
                + " WHERE a.attrelid = CAST(? AS regclass) AND a.attname = ?",
                swap.shadow(), swap.type(), table, swap.column());
        List<String> build = new ArrayList<>();
        if (r[4] != null) {
            // Its collation, when the type stays: a catalog change on the new, empty column.
            build.add("ALTER TABLE " + table + " ALTER COLUMN " + Sql.ident(swap.shadow()) + " TYPE " + swap.type()
                    + " COLLATE " + r[4]);
        }
        if (r[0] != null && !swap.commentGiven()) {
            build.add("COMMENT ON COLUMN " + shadow + " IS " + Sql.literal(r[0]));
        }
        if (r[1] != null) {
            build.add("ALTER TABLE " + table + " ALTER COLUMN " + Sql.ident(swap.shadow()) + " SET STATISTICS " + r[1]);
        }
        if (r[2] != null && !r[2].isEmpty()) {
            build.add("ALTER TABLE " + table + " ALTER COLUMN " + Sql.ident(swap.shadow()) + " SET (" + r[2] + ")");
        }
        if (r[3] != null) {
            build.add(r[3]);
        }
        return new Dependent(Dependent.Kind.COLUMN, "the properties of column " + Sql.ident(swap.column()), swap,
                build.isEmpty() ? null : String.join(";\n", build), null, null, List.of(), null, null, null);
    }

    static ValidationException refuse(String source, ColumnSwap swap, String object, String reason,
            String wayOut) {
        return new ValidationException(source, swap.operation(), swap.kind(),
                new ValidationProblem.CannotCarry(object, swap.table(), swap.column(), reason, wayOut));
    }

    /** The first row of a query, each column as text; parameters in order, text or numbers. */
    static String[] one(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Number n) {
                    ps.setLong(i + 1, n.longValue());
                } else {
                    ps.setString(i + 1, (String) parameters[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("catalog row vanished while reading: " + sql);
                }
                String[] row = new String[rs.getMetaData().getColumnCount()];
                for (int k = 0; k < row.length; k++) {
                    row[k] = rs.getString(k + 1);
                }
                return row;
            }
        }
    }
}
