package dev.tuesday.migrate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A view whose columns change type with the column it shows, and the views built on it: since
 * {@code CREATE OR REPLACE VIEW} cannot change a column's type, the contract drops them (the ones
 * built on it first) before the column goes and makes them again from their own definitions once
 * the new column has its name, with their options, owner, grants, comments and {@code INSTEAD OF}
 * triggers. Read inside {@link DependentReader}'s transaction, before the columns are renamed, so
 * each definition names the columns as they are.
 *
 * @param drops statements of the contract before the column goes, the views built on it first
 * @param creates statements of the contract once the column has its name, the view first
 * @param refusal why the chain cannot be made again (an object other than a view is built on
 *        it), or null
 */
record ViewChain(List<String> drops, List<String> creates, String refusal) {

    /** The chain of the view {@code view} (its oid). */
    static ViewChain of(Connection c, long view) throws SQLException {
        List<Long> order = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        List<Long> queue = new ArrayList<>(List.of(view));
        while (!queue.isEmpty()) {
            long v = queue.removeFirst();
            // Seen again deeper down: it must come after what it is built on too.
            order.remove(v);
            order.add(v);
            if (seen.add(v)) {
                String refusal = others(c, v);
                if (refusal != null) {
                    return new ViewChain(List.of(), List.of(), refusal);
                }
                queue.addAll(builtOn(c, v));
            }
        }
        List<String> drops = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        for (long v : order) {
            drops.addFirst("DROP VIEW " + DependentReader.one(c, "SELECT oid::regclass::text FROM pg_class WHERE oid = ?", v)[0]);
            creates.addAll(definition(c, v));
        }
        return new ViewChain(drops, creates, null);
    }

    /** The views whose rules read {@code view}. */
    private static List<Long> builtOn(Connection c, long view) throws SQLException {
        List<Long> views = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT w.ev_class::bigint FROM pg_depend d"
                + " JOIN pg_rewrite w ON d.classid = 'pg_rewrite'::regclass AND w.oid = d.objid"
                + " JOIN pg_class v ON v.oid = w.ev_class"
                + " WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = ? AND w.ev_class <> d.refobjid"
                + " AND v.relkind = 'v' ORDER BY 1")) {
            ps.setLong(1, view);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    views.add(rs.getLong(1));
                }
            }
        }
        return views;
    }

    /** What else stands on {@code view} and would be lost with it, described; null when nothing. */
    private static String others(Connection c, long view) throws SQLException {
        return DependentReader.one(c, "SELECT string_agg(pg_describe_object(d.classid, d.objid, d.objsubid), ', ')"
                + " FROM pg_depend d WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = ? AND d.deptype = 'n'"
                + " AND NOT (d.classid = 'pg_rewrite'::regclass AND (SELECT v.relkind FROM pg_rewrite w"
                + " JOIN pg_class v ON v.oid = w.ev_class WHERE w.oid = d.objid) = 'v')", view)[0];
    }

    /** The statements that make {@code view} again as it is: definition, options, owner, grants, comments, triggers. */
    private static List<String> definition(Connection c, long view) throws SQLException {
        String[] r = DependentReader.one(c, "SELECT v.oid::regclass::text, pg_get_viewdef(v.oid),"
                + " array_to_string(v.reloptions, ', '), CASE WHEN v.relowner <> (SELECT oid FROM pg_roles"
                + " WHERE rolname = current_user) THEN quote_ident(pg_get_userbyid(v.relowner)) END,"
                + " (SELECT string_agg('GRANT ' || x.privilege_type || ' ON ' || v.oid::regclass::text || ' TO '"
                + " || CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END"
                + " || CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, ';\n')"
                + " FROM aclexplode(v.relacl) x),"
                + " 'COMMENT ON VIEW ' || v.oid::regclass::text || ' IS ' || quote_literal(obj_description(v.oid, 'pg_class')),"
                + " (SELECT string_agg('COMMENT ON COLUMN ' || v.oid::regclass::text || '.' || quote_ident(a.attname)"
                + " || ' IS ' || quote_literal(col_description(v.oid, a.attnum)), ';\n') FROM pg_attribute a"
                + " WHERE a.attrelid = v.oid AND a.attnum > 0 AND col_description(v.oid, a.attnum) IS NOT NULL),"
                + " (SELECT string_agg(pg_get_triggerdef(t.oid), ';\n') FROM pg_trigger t WHERE t.tgrelid = v.oid"
                + " AND NOT t.tgisinternal)"
                + " FROM pg_class v WHERE v.oid = ?", view);
        String def = r[1].strip();
        if (def.endsWith(";")) {
            def = def.substring(0, def.length() - 1);
        }
        List<String> out = new ArrayList<>();
        out.add("CREATE VIEW " + r[0] + (r[2] == null || r[2].isEmpty() ? "" : " WITH (" + r[2] + ")") + " AS " + def);
        if (r[3] != null) {
            out.add("ALTER VIEW " + r[0] + " OWNER TO " + r[3]);
        }
        for (int i = 4; i < 8; i++) {
            if (r[i] != null) {
                out.add(r[i]);
            }
        }
        return out;
    }
}
