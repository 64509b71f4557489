package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.internal.DependentReader.Found;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SQL that carries each kind of {@link Dependent}, made from what the catalog says of the
 * object before the columns are renamed ({@link Before}: names, its own definition, comment,
 * state) and after ({@code pg_get_*def} printing the shadow's name). Runs inside
 * {@link DependentReader#read}'s transaction, with {@code search_path} at {@code pg_catalog} so
 * every name comes back qualified.
 */
final class DependentSql {

    private DependentSql() {
    }

    /**
     * What is read before the rename.
     *
     * @param relation the relation the object is on (or is), qualified
     * @param name the object's own name, quoted
     * @param definition its definition by the column's current name, where it is recreated so;
     *        for a key, its {@code DEFERRABLE …} clause
     * @param comment the {@code COMMENT ON …} that restores its comment, or null
     * @param extra a kind's own fact: a trigger's enabled state, a view's options, a
     *        constraint's validity, an index's replica-identity and cluster flags
     */
    record Before(String relation, String name, String definition, String comment, String extra) {
    }

    static Before before(Connection c, String schema, Found f) throws SQLException {
        long oid = f.objid();
        return switch (f.kind()) {
            case COLUMN, IDENTITY -> throw new IllegalStateException("a column is not found in pg_depend");
            case INDEX -> {
                String[] r = DependentReader.one(c, "SELECT i.indrelid::regclass::text, quote_ident(x.relname),"
                        + " quote_ident(n.nspname) || '.' || quote_ident(x.relname), i.indisreplident::text,"
                        + " i.indisclustered::text, obj_description(x.oid, 'pg_class')"
                        + " FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_namespace n ON n.oid = x.relnamespace"
                        + " WHERE i.indexrelid = ?", oid);
                yield new Before(r[0], r[1], r[2], comment("INDEX " + r[2], r[5]), r[3] + "," + r[4]);
            }
            case KEY, CONSTRAINT, REFERENCE -> {
                String[] r = DependentReader.one(c, "SELECT conrelid::regclass::text, quote_ident(conname),"
                        + " convalidated::text, obj_description(oid, 'pg_constraint'), condeferrable::text,"
                        + " condeferred::text FROM pg_constraint WHERE oid = ?", oid);
                String comment = r[3] == null ? null : "COMMENT ON CONSTRAINT " + r[1] + " ON " + r[0] + " IS "
                        + Sql.literal(r[3]);
                String deferral = "true".equals(r[4]) ? " DEFERRABLE INITIALLY " + ("true".equals(r[5]) ? "DEFERRED"
                        : "IMMEDIATE") : "";
                // A key's own definition by the column's name: a partitioned table's is added again by it.
                String extra = f.kind() == Dependent.Kind.KEY
                        ? DependentReader.one(c, "SELECT pg_get_constraintdef(?::oid)", oid)[0] : r[2];
                yield new Before(r[0], r[1], deferral, comment, extra);
            }
            case VIEW -> {
                String[] r = DependentReader.one(c, "SELECT v.oid::regclass::text, array_to_string(v.reloptions, ', ')"
                        + " FROM pg_rewrite w JOIN pg_class v ON v.oid = w.ev_class WHERE w.oid = ?", oid);
                yield new Before(r[0], r[0], null, null, r[1]);
            }
            case MATERIALIZED_VIEW -> {
                String[] r = DependentReader.one(c, "SELECT v.oid::regclass::text, quote_ident(v.relname),"
                        + " quote_ident(n.nspname), array_to_string(v.reloptions, ', '), v.relispopulated::text,"
                        + " obj_description(v.oid, 'pg_class'),"
                        + " (SELECT string_agg('COMMENT ON COLUMN ' || v.oid::regclass::text || '.' || quote_ident(a.attname)"
                        + " || ' IS ' || quote_literal(col_description(v.oid, a.attnum)), ';\n') FROM pg_attribute a"
                        + " WHERE a.attrelid = v.oid AND a.attnum > 0 AND col_description(v.oid, a.attnum) IS NOT NULL),"
                        + " (SELECT string_agg('GRANT ' || x.privilege_type || ' ON %1$s TO '"
                        + " || CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END"
                        + " || CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, ';\n')"
                        + " FROM aclexplode(v.relacl) x),"
                        + " (SELECT string_agg(x.indexrelid::text || ' ' || quote_ident(xc.relname), ',') FROM pg_index x"
                        + " JOIN pg_class xc ON xc.oid = x.indexrelid WHERE x.indrelid = v.oid),"
                        + " CASE WHEN v.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)"
                        + " THEN quote_ident(pg_get_userbyid(v.relowner)) END"
                        + " FROM pg_rewrite w JOIN pg_class v ON v.oid = w.ev_class JOIN pg_namespace n ON n.oid = v.relnamespace"
                        + " WHERE w.oid = ?", oid);
                String comments = Stream.of(comment("MATERIALIZED VIEW " + r[0], r[5]), r[6]).filter(x -> x != null)
                        .collect(Collectors.joining(";\n"));
                // extra: namespace|options|populated|grants (with %1$s for the relation)|index oid name,…|owner
                yield new Before(r[0], r[1], comments.isEmpty() ? null : comments, null,
                        r[2] + "\u0000" + nz(r[3]) + "\u0000" + r[4] + "\u0000" + nz(r[7]) + "\u0000" + nz(r[8])
                                + "\u0000" + nz(r[9]));
            }
            case TRIGGER -> {
                String[] r = DependentReader.one(c, "SELECT tgrelid::regclass::text, quote_ident(tgname),"
                        + " pg_get_triggerdef(oid), tgenabled::text, obj_description(oid, 'pg_trigger')"
                        + " FROM pg_trigger WHERE oid = ?", oid);
                String comment = r[4] == null ? null : "COMMENT ON TRIGGER " + r[1] + " ON " + r[0] + " IS "
                        + Sql.literal(r[4]);
                yield new Before(r[0], r[1], r[2], comment, r[3]);
            }
            case POLICY -> {
                String[] r = DependentReader.one(c, "SELECT polrelid::regclass::text, quote_ident(polname),"
                        + " 'CREATE POLICY ' || quote_ident(polname) || ' ON ' || polrelid::regclass::text"
                        + " || CASE WHEN polpermissive THEN ' AS PERMISSIVE' ELSE ' AS RESTRICTIVE' END"
                        + " || ' FOR ' || CASE polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'"
                        + " WHEN 'd' THEN 'DELETE' ELSE 'ALL' END"
                        + " || ' TO ' || (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END,"
                        + " ', ') FROM unnest(polroles) r)"
                        + " || coalesce(' USING (' || pg_get_expr(polqual, polrelid) || ')', '')"
                        + " || coalesce(' WITH CHECK (' || pg_get_expr(polwithcheck, polrelid) || ')', ''),"
                        + " obj_description(oid, 'pg_policy') FROM pg_policy WHERE oid = ?", oid);
                String comment = r[3] == null ? null : "COMMENT ON POLICY " + r[1] + " ON " + r[0] + " IS "
                        + Sql.literal(r[3]);
                yield new Before(r[0], r[1], r[2], comment, null);
            }
            case STATISTICS -> {
                String[] r = DependentReader.one(c, "SELECT stxrelid::regclass::text,"
                        + " quote_ident(n.nspname) || '.' || quote_ident(s.stxname), pg_get_statisticsobjdef(s.oid),"
                        + " obj_description(s.oid, 'pg_statistic_ext'), s.stxstattarget::text"
                        + " FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE s.oid = ?",
                        oid);
                String comment = r[3] == null ? null : "COMMENT ON STATISTICS " + r[1] + " IS " + Sql.literal(r[3]);
                yield new Before(r[0], r[1], r[2], comment, r[4]);
            }
            case SEQUENCE -> {
                String[] r = DependentReader.one(c, "SELECT oid::regclass::text FROM pg_class WHERE oid = ?", oid);
                yield new Before(r[0], r[0], null, null, null);
            }
        };
    }

    /** The dependent with its SQL, read once the columns carry their shadows' names. */
    static Dependent carry(Connection c, String schema, Found f, Before b) throws SQLException {
        ColumnSwap swap = f.swap();
        String tmp = PlanContext.helperName("_tuesday_", "c" + f.objid());
        return switch (f.kind()) {
            case COLUMN, IDENTITY -> throw new IllegalStateException("a column is not found in pg_depend");
            case INDEX -> {
                String def = DependentReader.one(c, "SELECT pg_get_indexdef(?::oid)", f.objid())[0];
                String build = concurrently(def, b.name(), tmp);
                String qualifiedTmp = Sql.qualified(schema, tmp);
                List<String> restore = new ArrayList<>();
                restore.add("ALTER INDEX " + qualifiedTmp + " RENAME TO " + b.name());
                // A partitioned table's index: its partitions' indexes get their names back too.
                restore.addAll(childRenames(c, f.objid(), tmp));
                addIfPresent(restore, b.comment());
                if (b.extra().startsWith("true")) {
                    restore.add("ALTER TABLE " + b.relation() + " REPLICA IDENTITY USING INDEX " + b.name());
                }
                if (b.extra().endsWith("true")) {
                    restore.add("ALTER TABLE " + b.relation() + " CLUSTER ON " + b.name());
                }
                yield new Dependent(f.kind(), f.description(), swap, build, null, null, restore,
                        "DROP INDEX CONCURRENTLY IF EXISTS " + qualifiedTmp, List.of(schema, tmp), tail(def, b.relation()));
            }
            case KEY -> {
                String def = DependentReader.one(c, "SELECT pg_get_indexdef(conindid) FROM pg_constraint WHERE oid = ?",
                        f.objid())[0];
                String indexName = DependentReader.one(c, "SELECT quote_ident(x.relname) FROM pg_constraint k"
                        + " JOIN pg_class x ON x.oid = k.conindid WHERE k.oid = ?", f.objid())[0];
                String qualifiedTmp = Sql.qualified(schema, tmp);
                List<String> restore = new ArrayList<>();
                String[] key = DependentReader.one(c, "SELECT contype::text, (SELECT relkind::text FROM pg_class"
                        + " WHERE oid = conrelid), conindid::bigint FROM pg_constraint WHERE oid = ?", f.objid());
                String tail = null;
                if ("p".equals(key[1])) {
                    // A partitioned table cannot attach a key USING INDEX: each partition's index, built
                    // concurrently, becomes its partition's key under the old name, and the key added
                    // again by its definition adopts them (no scan).
                    String kind = "p".equals(key[0]) ? " PRIMARY KEY" : " UNIQUE";
                    for (String[] child : children(c, Long.parseLong(key[2]))) {
                        if (!Boolean.parseBoolean(child[4])) {
                            // A partition partitioned again gets its key from the one added on the table.
                            continue;
                        }
                        restore.add("ALTER TABLE " + Sql.qualified(child[1], child[0]) + " ADD CONSTRAINT "
                                + Sql.ident(child[3]) + kind + " USING INDEX " + Sql.ident(childTmp(tmp, child[0])));
                    }
                    restore.add("ALTER TABLE " + b.relation() + " ADD CONSTRAINT " + b.name() + " " + b.extra());
                    tail = tail(def, b.relation());
                } else {
                    // A primary key needs its column NOT NULL, which the contract has set by then (no scan).
                    restore.add("ALTER TABLE " + b.relation() + " ADD CONSTRAINT " + b.name()
                            + ("p".equals(key[0]) ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + Sql.ident(tmp)
                            + b.definition());
                }
                addIfPresent(restore, b.comment());
                yield new Dependent(f.kind(), f.description(), swap, concurrently(def, indexName, tmp), null, null,
                        restore, "DROP INDEX CONCURRENTLY IF EXISTS " + qualifiedTmp, List.of(schema, tmp), tail);
            }
            case CONSTRAINT, REFERENCE -> {
                String def = DependentReader.one(c, "SELECT pg_get_constraintdef(?::oid)", f.objid())[0];
                String valid = def.endsWith(" NOT VALID") ? def.substring(0, def.length() - " NOT VALID".length()) : def;
                String on = b.relation();
                List<String> restore = new ArrayList<>();
                restore.add("ALTER TABLE " + on + " RENAME CONSTRAINT " + Sql.ident(tmp) + " TO " + b.name());
                addIfPresent(restore, b.comment());
                String drop = "ALTER TABLE " + on + " DROP CONSTRAINT IF EXISTS " + Sql.ident(tmp);
                // Dropped first, so that a start run again after a kill adds it anew.
                String build = drop + ";\nALTER TABLE " + on + " ADD CONSTRAINT " + Sql.ident(tmp) + " " + valid
                        + " NOT VALID";
                String validate = "true".equals(b.extra()) ? "ALTER TABLE " + on + " VALIDATE CONSTRAINT "
                        + Sql.ident(tmp) : null;
                String release = f.kind() == Dependent.Kind.REFERENCE ? "ALTER TABLE " + on + " DROP CONSTRAINT "
                        + b.name() : null;
                yield new Dependent(f.kind(), f.description(), swap, build, validate, release, restore, drop, null, null);
            }
            case VIEW -> {
                String def = DependentReader.one(c, "SELECT pg_get_viewdef(ev_class) FROM pg_rewrite WHERE oid = ?",
                        f.objid())[0].strip();
                if (def.endsWith(";")) {
                    def = def.substring(0, def.length() - 1);
                }
                String options = b.extra() == null || b.extra().isEmpty() ? "" : " WITH (" + b.extra() + ")";
                // Same columns, same names: the view keeps its identity, grants, comments and the
                // views built on it, and now reads the shadow, which the swap gives the column's name.
                String release = "CREATE OR REPLACE VIEW " + b.relation() + options + " AS " + def;
                yield new Dependent(f.kind(), f.description(), swap, null, null, release, List.of(), null, null, null);
            }
            case MATERIALIZED_VIEW -> {
                String[] extra = b.extra().split("\u0000", -1);
                String namespace = extra[0];
                String qualifiedTmp = namespace + "." + Sql.ident(tmp);
                String def = DependentReader.one(c, "SELECT pg_get_viewdef(ev_class) FROM pg_rewrite WHERE oid = ?",
                        f.objid())[0].strip();
                if (def.endsWith(";")) {
                    def = def.substring(0, def.length() - 1);
                }
                boolean populated = "true".equals(extra[2]);
                List<String> build = new ArrayList<>();
                build.add("DROP MATERIALIZED VIEW IF EXISTS " + qualifiedTmp);
                build.add("CREATE MATERIALIZED VIEW " + qualifiedTmp + (extra[1].isEmpty() ? "" : " WITH (" + extra[1] + ")")
                        + " AS " + def + (populated ? " WITH DATA" : " WITH NO DATA"));
                List<String> restore = new ArrayList<>();
                restore.add("ALTER MATERIALIZED VIEW " + qualifiedTmp + " RENAME TO " + b.name());
                if (!extra[4].isEmpty()) {
                    for (String index : extra[4].split(",")) {
                        long indexOid = Long.parseLong(index.substring(0, index.indexOf(' ')));
                        String indexName = index.substring(index.indexOf(' ') + 1);
                        String tmpIndex = PlanContext.helperName("_tuesday_", "c" + indexOid);
                        String indexDef = DependentReader.one(c, "SELECT pg_get_indexdef(?::oid)", indexOid)[0];
                        String head = indexDef.substring(0, indexDef.indexOf(" ON ") + 4);
                        String tail = indexDef.substring(indexDef.indexOf(" ON ") + 4);
                        // The definition names the materialized view qualified, then " USING".
                        build.add(head.replace(" " + indexName + " ON ", " " + Sql.ident(tmpIndex) + " ON ")
                                + qualifiedTmp + tail.substring(tail.indexOf(" USING ")));
                        restore.add("ALTER INDEX " + namespace + "." + Sql.ident(tmpIndex) + " RENAME TO " + indexName);
                    }
                }
                if (!extra[5].isEmpty()) {
                    // Its owner, when not the role that migrates (which must be a member of it).
                    build.add("ALTER MATERIALIZED VIEW " + qualifiedTmp + " OWNER TO " + extra[5]);
                }
                if (!extra[3].isEmpty()) {
                    // Every entry, the owner's too, so the privileges read as they did.
                    build.add(extra[3].replace("%1$s", qualifiedTmp));
                }
                if (b.definition() != null) {
                    restore.add(b.definition());
                }
                yield new Dependent(f.kind(), f.description(), swap, String.join(";\n", build),
                        populated ? "REFRESH MATERIALIZED VIEW " + qualifiedTmp : null,
                        "DROP MATERIALIZED VIEW " + b.relation(), restore,
                        "DROP MATERIALIZED VIEW IF EXISTS " + qualifiedTmp, null, null);
            }
            case TRIGGER -> {
                List<String> restore = new ArrayList<>();
                restore.add(b.definition());
                switch (b.extra()) {
                    case "D" -> restore.add("ALTER TABLE " + b.relation() + " DISABLE TRIGGER " + b.name());
                    case "R" -> restore.add("ALTER TABLE " + b.relation() + " ENABLE REPLICA TRIGGER " + b.name());
                    case "A" -> restore.add("ALTER TABLE " + b.relation() + " ENABLE ALWAYS TRIGGER " + b.name());
                    default -> { }
                }
                addIfPresent(restore, b.comment());
                yield new Dependent(f.kind(), f.description(), swap, null, null,
                        "DROP TRIGGER " + b.name() + " ON " + b.relation(), restore, null, null, null);
            }
            case POLICY -> {
                List<String> restore = new ArrayList<>(List.of(b.definition()));
                addIfPresent(restore, b.comment());
                yield new Dependent(f.kind(), f.description(), swap, null, null,
                        "DROP POLICY " + b.name() + " ON " + b.relation(), restore, null, null, null);
            }
            case STATISTICS -> {
                List<String> restore = new ArrayList<>(List.of(b.definition()));
                if (b.extra() != null && !b.extra().equals("-1")) {
                    restore.add("ALTER STATISTICS " + b.name() + " SET STATISTICS " + b.extra());
                }
                addIfPresent(restore, b.comment());
                yield new Dependent(f.kind(), f.description(), swap, null, null, "DROP STATISTICS IF EXISTS " + b.name(),
                        restore, null, null, null);
            }
            case SEQUENCE -> new Dependent(f.kind(), f.description(), swap, null, null,
                    "ALTER SEQUENCE " + b.relation() + " OWNED BY NONE",
                    List.of("ALTER SEQUENCE " + b.relation() + " OWNED BY " + Sql.qualified(schema, swap.table()) + "."
                            + Sql.ident(swap.completeName())), null, null, null);
        };
    }

    /** What follows the table in an index definition as PostgreSQL prints it: {@code USING …}. */
    private static String tail(String definition, String relation) {
        String rest = definition.substring(definition.indexOf(" ON ") + 4);
        rest = rest.startsWith("ONLY ") ? rest.substring(5) : rest;
        return rest.substring(relation.length() + 1);
    }

    /** The renames that give the partitions' indexes of {@code tmp} the names those of {@code index} had. */
    private static List<String> childRenames(Connection c, long index, String tmp) throws SQLException {
        List<String> renames = new ArrayList<>();
        for (String[] child : children(c, index)) {
            renames.add("ALTER INDEX " + Sql.qualified(child[2], childTmp(tmp, child[0])) + " RENAME TO "
                    + Sql.ident(child[3]));
        }
        return renames;
    }

    /**
     * The partitions' indexes of the partitioned index {@code index}, at every level: partition
     * name, partition schema, index schema, index name, whether the partition is a leaf.
     */
    private static List<String[]> children(Connection c, long index) throws SQLException {
        List<String[]> children = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("WITH RECURSIVE tree(idx) AS ("
                + " SELECT inhrelid FROM pg_inherits WHERE inhparent = ?"
                + " UNION ALL SELECT h.inhrelid FROM pg_inherits h JOIN tree t ON h.inhparent = t.idx)"
                + " SELECT p.relname, pn.nspname, n.nspname, ci.relname, p.relkind <> 'p'"
                + " FROM tree JOIN pg_class ci ON ci.oid = tree.idx"
                + " JOIN pg_index x ON x.indexrelid = tree.idx JOIN pg_class p ON p.oid = x.indrelid"
                + " JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                + " JOIN pg_namespace n ON n.oid = ci.relnamespace ORDER BY 1")) {
            ps.setLong(1, index);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    children.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Boolean.toString(rs.getBoolean(5))});
                }
            }
        }
        return children;
    }

    /** The temporary name of a partition's index, built before it is attached to {@code tmp}. */
    static String childTmp(String tmp, String partition) {
        return PlanContext.helperName("_tuesday_", tmp.substring("_tuesday_".length()) + "_" + partition);
    }

    /**
     * {@code CREATE [UNIQUE] INDEX name ON …} as PostgreSQL prints it, made a concurrent build of
     * {@code tmp}: the prefix up to the name is fixed by the server, so it is replaced, not parsed.
     */
    static String concurrently(String definition, String quotedName, String tmp) {
        for (String prefix : List.of("CREATE UNIQUE INDEX ", "CREATE INDEX ")) {
            String head = prefix + quotedName + " ON ";
            if (definition.startsWith(head)) {
                return prefix + "CONCURRENTLY " + Sql.ident(tmp) + " ON " + definition.substring(head.length());
            }
        }
        throw new IllegalStateException("unexpected index definition: " + definition);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String comment(String object, String text) {
        return text == null ? null : "COMMENT ON " + object + " IS " + Sql.literal(text);
    }

    private static void addIfPresent(List<String> statements, String statement) {
        if (statement != null) {
            statements.add(statement);
        }
    }
}
