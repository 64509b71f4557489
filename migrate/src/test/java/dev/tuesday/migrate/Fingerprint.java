package dev.tuesday.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Everything in one schema that a migration might disturb, read from the catalog as sorted
 * one-line strings, so a test can take it before and after a migration and prove that nothing but
 * the asked-for change happened: {@code assertThat(Fingerprint.diff(before, after)).containsExactly(…)}.
 *
 * <p>It covers the schema itself (owner, ACL, comment); every relation (kind, persistence, owner,
 * storage options, row-level security, replica identity, partition parent, bound and key, ACL,
 * comment); every column of tables, views, materialized views and composite types (type, NOT NULL,
 * default, identity, generated expression, statistics target, storage, collation, options, ACL,
 * comment); indexes ({@code pg_get_indexdef}, valid, ready, clustered, replica identity);
 * constraints of tables and domains ({@code pg_get_constraintdef}, validated, deferrable, comment);
 * view and materialized view definitions and whether the latter is populated; user triggers
 * ({@code pg_get_triggerdef}, enabled, comment); rules other than a view's own; policies; functions
 * (signature, result, language, volatility, settings, owner, ACL, an md5 of the body, comment);
 * sequences (parameters and the column that owns them); extended statistics (plain columns sorted
 * by name); enums with their labels in order, domains, ranges and other types.
 *
 * <p>Lines hold names, never OIDs, and nothing that changes while the schema does not: no sequence
 * values, no row counts, no planner statistics. PostgreSQL 18's NOT NULL constraints are left out
 * because the columns already say NOT NULL, and its {@code NULL} statistics target is written
 * {@code -1} as older versions store it, so a line reads the same on every version where it can.
 * The catalog is read with {@code search_path = pg_catalog}, UTC and ISO dates, so names come out
 * schema-qualified and constants print the same whatever the caller's session looks like.
 */
public final class Fingerprint {

    private static final String SCHEMA = """
            SELECT format('schema %s owner=%s acl=%s comment=%s', n.nspname, pg_get_userbyid(n.nspowner), n.nspacl,
                          obj_description(n.oid, 'pg_namespace'))
            FROM pg_namespace n WHERE n.nspname = ?""";

    private static final String RELATIONS = """
            SELECT format('relation %s kind=%s persistence=%s owner=%s options=%s rls=%s force-rls=%s replica-identity=%s'
                          || ' parent=%s bound=%s partition-key=%s acl=%s comment=%s',
                          c.relname, c.relkind, c.relpersistence, pg_get_userbyid(c.relowner), c.reloptions,
                          c.relrowsecurity, c.relforcerowsecurity, c.relreplident,
                          (SELECT string_agg(p.relname, ',' ORDER BY p.relname) FROM pg_inherits i
                             JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid),
                          pg_get_expr(c.relpartbound, c.oid),
                          CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                          c.relacl, obj_description(c.oid, 'pg_class'))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ?""";

    private static final String COLUMNS = """
            SELECT format('column %s.%s type=%s not-null=%s default=%s identity=%s generated=%s statistics=%s storage=%s'
                          || ' collation=%s options=%s acl=%s comment=%s',
                          c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                          CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,
                          a.attidentity,
                          CASE WHEN a.attgenerated <> '' THEN a.attgenerated::text || ' ' || pg_get_expr(d.adbin, d.adrelid) END,
                          coalesce(a.attstattarget::integer, -1), a.attstorage, co.collname, a.attoptions, a.attacl,
                          col_description(c.oid, a.attnum))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')""";

    private static final String INDEXES = """
            SELECT format('index %s on %s: %s valid=%s ready=%s clustered=%s replica-identity=%s',
                          ic.relname, tc.relname, pg_get_indexdef(i.indexrelid), i.indisvalid, i.indisready,
                          i.indisclustered, i.indisreplident)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = ic.relnamespace
            WHERE n.nspname = ?""";

    private static final String CONSTRAINTS = """
            SELECT format('constraint %s.%s: %s validated=%s deferrable=%s deferred=%s comment=%s',
                          coalesce(r.relname, 'domain ' || t.typname), o.conname, pg_get_constraintdef(o.oid),
                          o.convalidated, o.condeferrable, o.condeferred, obj_description(o.oid, 'pg_constraint'))
            FROM pg_constraint o JOIN pg_namespace n ON n.oid = o.connamespace
            LEFT JOIN pg_class r ON r.oid = o.conrelid LEFT JOIN pg_type t ON t.oid = o.contypid
            WHERE n.nspname = ? AND o.contype <> 'n'""";

    private static final String VIEWS = """
            SELECT format('%s %s populated=%s: %s', CASE c.relkind WHEN 'v' THEN 'view' ELSE 'matview' END, c.relname,
                          c.relispopulated, pg_get_viewdef(c.oid))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relkind IN ('v', 'm')""";

    private static final String TRIGGERS = """
            SELECT format('trigger %s.%s: %s enabled=%s comment=%s', c.relname, t.tgname, pg_get_triggerdef(t.oid),
                          t.tgenabled, obj_description(t.oid, 'pg_trigger'))
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND NOT t.tgisinternal""";

    private static final String RULES = """
            SELECT format('rule %s.%s: %s enabled=%s', c.relname, r.rulename,
                          pg_get_ruledef(r.oid), r.ev_enabled)
            FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND r.rulename <> '_RETURN'""";

    private static final String POLICIES = """
            SELECT format('policy %s.%s cmd=%s permissive=%s roles=%s using=%s check=%s comment=%s',
                          c.relname, p.polname, p.polcmd, p.polpermissive,
                          (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END, ','
                                             ORDER BY 1) FROM unnest(p.polroles) r),
                          pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),
                          obj_description(p.oid, 'pg_policy'))
            FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ?""";

    private static final String FUNCTIONS = """
            SELECT format('function %s(%s) returns %s kind=%s language=%s volatility=%s strict=%s security-definer=%s'
                          || ' settings=%s owner=%s acl=%s body-md5=%s comment=%s',
                          p.proname, pg_get_function_identity_arguments(p.oid), pg_get_function_result(p.oid),
                          p.prokind, l.lanname, p.provolatile, p.proisstrict, p.prosecdef, p.proconfig,
                          pg_get_userbyid(p.proowner), p.proacl, md5(p.prosrc), obj_description(p.oid, 'pg_proc'))
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
            WHERE n.nspname = ?""";

    private static final String SEQUENCES = """
            SELECT format('sequence %s type=%s start=%s increment=%s min=%s max=%s cache=%s cycle=%s owned-by=%s',
                          c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
                          s.seqcache, s.seqcycle,
                          (SELECT string_agg(format('%s.%s (%s)', r.relname, a.attname,
                                                    CASE d.deptype WHEN 'i' THEN 'identity' ELSE 'owned' END), ',')
                           FROM pg_depend d JOIN pg_class r ON r.oid = d.refobjid
                           JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                             AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
            FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ?""";

    /**
     * A statistics object's plain columns are printed sorted by name: PostgreSQL keeps them in
     * column-number order whatever order they were given in, so the same object reads differently
     * once a column is replaced by a new one (a higher number), though nothing about it changed.
     */
    private static final String STATISTICS = """
            SELECT format('statistics %s: %s target=%s owner=%s comment=%s', x.stxname,
                          CASE WHEN pg_get_statisticsobjdef(x.oid) ~ ' ON [^()]* FROM '
                            THEN regexp_replace(pg_get_statisticsobjdef(x.oid), ' ON [^()]* FROM ', ' ON '
                                 || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attname)
                                     FROM unnest(x.stxkeys::int2[]) k
                                     JOIN pg_attribute a ON a.attrelid = x.stxrelid AND a.attnum = k) || ' FROM ')
                            ELSE pg_get_statisticsobjdef(x.oid) END,
                          coalesce(x.stxstattarget::integer, -1), pg_get_userbyid(x.stxowner),
                          obj_description(x.oid, 'pg_statistic_ext'))
            FROM pg_statistic_ext x JOIN pg_namespace n ON n.oid = x.stxnamespace
            WHERE n.nspname = ?""";

    /** Types of their own: a table's row type and every array type come with something else. */
    private static final String TYPES = """
            SELECT format('type %s kind=%s owner=%s acl=%s detail=%s comment=%s',
                          t.typname, t.typtype, pg_get_userbyid(t.typowner), t.typacl,
                          CASE t.typtype
                            WHEN 'e' THEN (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                           FROM pg_enum e WHERE e.enumtypid = t.oid)
                            WHEN 'd' THEN format('base=%s not-null=%s default=%s', format_type(t.typbasetype, t.typtypmod),
                                                 t.typnotnull, t.typdefault)
                            WHEN 'r' THEN (SELECT format_type(g.rngsubtype, NULL) FROM pg_range g WHERE g.rngtypid = t.oid)
                          END,
                          obj_description(t.oid, 'pg_type'))
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ?
              AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
              AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = t.oid)""";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final List<String> QUERIES = List.of(SCHEMA, RELATIONS, COLUMNS, INDEXES, CONSTRAINTS, VIEWS,
            TRIGGERS, RULES, POLICIES, FUNCTIONS, SEQUENCES, STATISTICS, TYPES);

    private Fingerprint() {
    }

    /**
     * The fingerprint of {@code schema}: one line per object or column, sorted.
     *
     * @throws IllegalStateException when the catalog cannot be read
     */
    public static List<String> of(DataSource ds, String schema) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    // Fixed settings, so the deparsed text does not depend on the caller's session.
                    s.execute("SET LOCAL search_path = pg_catalog; SET LOCAL TimeZone = 'UTC';"
                            + " SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'");
                }
                List<String> lines = new ArrayList<>();
                for (String query : QUERIES) {
                    lines.addAll(read(c, query, schema));
                }
                return lines.stream().sorted().toList();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the catalog of schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /**
     * What changed from {@code before} to {@code after}: lines only in {@code before} prefixed
     * {@code "- "}, lines only in {@code after} prefixed {@code "+ "}, in sort order, so a changed
     * object's two lines sit next to each other. Empty when the fingerprints are equal.
     */
    public static List<String> diff(List<String> before, List<String> after) {
        List<String> b = before.stream().sorted().toList();
        List<String> a = after.stream().sorted().toList();
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < b.size() || j < a.size()) {
            int cmp = i == b.size() ? 1 : j == a.size() ? -1 : b.get(i).compareTo(a.get(j));
            if (cmp == 0) {
                i++;
                j++;
            } else if (cmp < 0) {
                out.add("- " + b.get(i++));
            } else {
                out.add("+ " + a.get(j++));
            }
        }
        return out;
    }

    private static List<String> read(Connection c, String query, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> lines = new ArrayList<>();
                while (rs.next()) {
                    // Deparsed views, rules and policy expressions span lines; a line here is one line.
                    lines.add(WHITESPACE.matcher(rs.getString(1)).replaceAll(" ").strip());
                }
                return lines;
            }
        }
    }
}
