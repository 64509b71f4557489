package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.ValidationException;
import dev.tuesday.migrate.schema.DependentObject;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.TableColumn;
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
 * ({@code pg_depend}, read with the schema: {@link TableColumn#dependents()}), so nothing is
 * missed: every object found is either carried (a {@link Dependent}) or refused with one line
 * naming it, before anything changes.
 *
 * <p>{@link #standing} takes no lock and changes nothing: it is what {@code validate} runs.
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

    private DependentReader() {
    }

    /**
     * What stands on what a contract replaces or drops, without locks or changes: a drop that
     * something still reads is refused ({@link BlockedDrops}), and the objects on the replaced
     * columns are returned, or the first that cannot be carried refused.
     *
     * @param schema the schema as read now, which knows what stands on each column
     * @param ignoredSchemas version schemas: their views are Tuesday's own and are dropped with them
     * @throws ValidationException naming the object
     */
    static List<Found> standing(Connection c, String source, Schema schema, Planners.Reach reach,
            Set<String> ignoredSchemas) throws SQLException {
        BlockedDrops.refuse(c, source, schema.name(), reach.drops(), ignoredSchemas);
        Map<Long, Found> found = new LinkedHashMap<>();
        for (ColumnSwap swap : reach.swaps()) {
            TableColumn column = schema.tableStoredAs(swap.table()).flatMap(t -> t.columns().stream()
                    .filter(col -> col.physical().equals(swap.column())).findFirst()).orElse(null);
            if (column == null) {
                continue;
            }
            refuseColumn(source, swap, column);
            for (DependentObject o : column.dependents()) {
                Found f = classify(source, swap, o, ignoredSchemas);
                if (f != null) {
                    found.putIfAbsent(f.objid(), f);
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static void refuseColumn(String source, ColumnSwap swap, TableColumn column) {
        if (column.dependents().stream().anyMatch(o -> o.kind() == DependentObject.Kind.PARTITION_KEY)) {
            throw refuse(source, swap, "column " + Sql.ident(swap.column()), "it is in the partition key, which"
                    + " PostgreSQL cannot drop", "change it with a new partitioned table, moving the rows with a sql operation");
        }
        if (column.generatedExpression() != null) {
            throw refuse(source, swap, "column " + Sql.ident(swap.column()), "it is a generated column",
                    "drop the generation expression first, or add a new generated column");
        }
    }

    /** The object as carried, null where it goes with the column by itself, or a refusal naming it. */
    private static Found classify(String source, ColumnSwap swap, DependentObject o, Set<String> ignoredSchemas) {
        if (o.schema() != null && ignoredSchemas.contains(o.schema())) {
            return null;
        }
        String again = "drop it before the migration and create it again after";
        Dependent.Kind kind = switch (o.kind()) {
            case INDEX -> Dependent.Kind.INDEX;
            case OWNED_SEQUENCE -> Dependent.Kind.SEQUENCE;
            case VIEW -> Dependent.Kind.VIEW;
            case MATERIALIZED_VIEW -> Dependent.Kind.MATERIALIZED_VIEW;
            case CHECK, FOREIGN_KEY -> Dependent.Kind.CONSTRAINT;
            case UNIQUE, PRIMARY_KEY -> Dependent.Kind.KEY;
            case REFERENCE -> Dependent.Kind.REFERENCE;
            case TRIGGER -> Dependent.Kind.TRIGGER;
            case POLICY -> Dependent.Kind.POLICY;
            case STATISTICS -> Dependent.Kind.STATISTICS;
            // Carried with the constraint, the identity, the column's nullability or its default.
            case CONSTRAINT_INDEX, IDENTITY_SEQUENCE, NOT_NULL, INTERNAL_TRIGGER, OWN_DEFAULT, PARTITION_KEY -> null;
            case MATERIALIZED_VIEW_UNDER_VIEWS -> throw refuse(source, swap, o.description(),
                    "views are built on the materialized view", "drop them before the migration and create them again after");
            case RULE -> throw refuse(source, swap, o.description(), "rules are not carried",
                    "drop the rule before the migration and create it again after");
            case GENERATED_COLUMN -> throw refuse(source, swap, o.description(), "a generated column is computed from it",
                    "drop the generation expression first, or give the generated column an up of its own");
            case SELF_REFERENCE -> throw refuse(source, swap, o.description(),
                    "a foreign key of the table to itself on this column", again);
            case EXCLUSION -> throw refuse(source, swap, o.description(),
                    "exclusion constraints cannot be added without a scan under an exclusive lock", again);
            case ON_PARTITION -> throw refuse(source, swap, o.description(),
                    "it is made on one partition alone, not on the partitioned table", again);
            case OTHER_RELATION, OTHER -> throw refuse(source, swap, o.description(),
                    "Tuesday does not know how to carry it", again);
        };
        return kind == null ? null : new Found(kind, o.classid(), o.objid(), o.description(), swap);
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
