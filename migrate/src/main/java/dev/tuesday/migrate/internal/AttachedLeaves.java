package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.MigrationStateException;
import dev.tuesday.migrate.StepFailedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Partitions that joined a backfilled table after its sync trigger was made: attached
 * ({@code ATTACH PARTITION}) or created ({@code PARTITION OF}) during the migration. The backfill
 * must not walk them as it walks the partitions there at start: rows written into them since they
 * joined passed the sync trigger, and setting their new columns from {@code up} again would
 * overwrite what the new version wrote. Only the rows written before they joined, which never
 * passed the trigger, are brought up to date.
 *
 * <p>When a partition joined is told by its clone of the sync trigger: PostgreSQL clones a
 * partitioned table's row triggers onto each partition, in the transaction that makes the trigger
 * for the partitions there then, and in the one that attaches or creates a partition later. A
 * partition whose clone is younger than the table's own trigger joined later, and a row whose
 * version ({@code xmin}) is not younger than that clone was written before it joined — every write
 * since made a younger row version through the trigger. A row written in the attaching
 * transaction itself counts as written before.
 *
 * <p>Such a row is brought up to date only where its new column still holds what an insert that
 * did not name it gives (NULL or the column's default) and {@code up} says otherwise. For a
 * shadow column (a swap), a value there that {@code up} does not give means the row was written in
 * both shapes, or in the new one only, and which one the user meant cannot be told: that is
 * refused before anything changes, naming the partition. For a column {@code add_column} adds,
 * such a value was the user's and is kept.
 *
 * <p>The trigger looked at is this migration's own: {@code syncKey} names a chained step's
 * ({@link SyncTriggers#chainKey}); with the first step's name a partition was walked whole, and a
 * chained step's {@code up} overwrote what the newest version had written into it.
 */
record AttachedLeaves(Connection connection, Settings settings, String migration, String syncKey) {

    /** The prefix of shadow columns (see {@code alter_column}, {@code create_constraint}). */
    private static final String SHADOW_PREFIX = "_tuesday_new_";

    /**
     * The version ({@code xmin}, as text) of {@code leaf}'s clone of {@code table}'s sync trigger
     * when the leaf joined after the trigger was made; null when it was there then, or when the
     * table has no sync trigger (nothing tells the rows apart: the backfill walks it as before).
     */
    String joinedSince(String schema, String table, String leaf) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT l.xmin::text FROM pg_trigger l, pg_trigger p"
                + " WHERE l.tgrelid = ?::regclass AND p.tgrelid = ?::regclass AND l.tgname = ? AND p.tgname = ?"
                + " AND l.xmin::text <> p.xmin::text")) {
            String trigger = SyncTriggers.name(table, syncKey);
            ps.setString(1, leaf);
            ps.setString(2, Sql.qualified(schema, table));
            ps.setString(3, trigger);
            ps.setString(4, trigger);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Refuses, changing nothing, when a row of {@code leaf} written before it joined holds a value
     * in a shadow column that {@code up} does not give (see the class comment).
     */
    void refuseUndecidable(String name, String leaf, String since, List<BackfillTarget> targets) throws SQLException {
        for (BackfillTarget t : targets) {
            if (!t.target().startsWith(SHADOW_PREFIX)) {
                continue;
            }
            String unfilled = unfilled(leaf, t.target());
            String sql = "SELECT count(*) FROM " + leaf + " WHERE " + beforeJoining() + " AND " + Sql.ident(t.target())
                    + " IS DISTINCT FROM (" + t.expression() + ") AND NOT (" + unfilled + ")";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, since);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long rows = rs.getLong(1);
                    if (rows > 0) {
                        throw new MigrationStateException(settings.schema(), migration, "partition " + Sql.ident(name)
                                + " joined " + Sql.ident(t.table()) + " during the migration with " + rows + " rows whose "
                                + Sql.ident(t.target()) + " is not " + t.expression() + ", written without the sync"
                                + " trigger: which shape holds the row's value cannot be told; set "
                                + Sql.ident(t.target()) + " = (" + t.expression() + ") on the rows whose old shape is right"
                                + " (or the old columns from the new value), then run this again; nothing was changed");
                    }
                }
            }
        }
    }

    /**
     * Sets each target of {@code targets} from {@code up} on the rows of {@code leaf} written before
     * it joined whose target is still unfilled, a batch at a time along {@code walk}; returns the
     * rows changed. Run again after a kill, it finds only the rows not yet changed.
     */
    long catchUp(String name, String leaf, String since, BatchWalk walk, List<BackfillTarget> targets)
            throws SQLException {
        long rows = 0;
        for (BackfillTarget t : targets) {
            String update = "UPDATE " + leaf + " SET " + Sql.ident(t.target()) + " = (" + t.expression() + ") WHERE ";
            String rest = " AND " + beforeJoining() + " AND " + Sql.ident(t.target()) + " IS DISTINCT FROM ("
                    + t.expression() + ") AND (" + unfilled(leaf, t.target()) + ")";
            List<String> last = null;
            while (true) {
                List<String> next = walk.next(connection, last, settings.backfillBatchSize());
                rows += batch(name, update + walk.range(last, next) + rest, walk, last, next, since);
                if (next == null) {
                    break;
                }
                last = next;
            }
        }
        return rows;
    }

    /**
     * The contract's first statement: it takes {@code SHARE UPDATE EXCLUSIVE} on each table the
     * backfill fills, which {@code ATTACH PARTITION} needs too, so none joins until the contract
     * commits, and fails when a partition that joined after start still holds a row that never
     * passed the sync trigger and that up would change — one attached after complete brought the
     * others up to date. The application reads and writes meanwhile; the contract is not run, and
     * complete run again brings that partition up to date. None for a table that is not partitioned.
     */
    List<Step.Ddl> guards(String schema, List<BackfillTarget> targets) throws SQLException {
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        for (BackfillTarget t : targets) {
            if (!partitioned(Sql.qualified(schema, t.table()))) {
                continue;
            }
            String changed = Sql.ident(t.target()) + " IS DISTINCT FROM (" + t.expression() + ")";
            // A shadow holding another value is refused by the catch-up: the guard stops for it too.
            conditions.computeIfAbsent(t.table(), k -> new ArrayList<>()).add("(" + changed
                    + (t.target().startsWith(SHADOW_PREFIX) ? ""
                            : " AND (" + unfilled(Sql.qualified(schema, t.table()), t.target()) + ")") + ")");
        }
        List<Step.Ddl> guards = new ArrayList<>();
        conditions.forEach((table, conds) -> {
            String parent = Sql.literal(Sql.qualified(schema, table));
            String trigger = Sql.literal(SyncTriggers.name(table, syncKey));
            String body = "DECLARE\n  r record;\n  late boolean;\nBEGIN\n"
                    + "  LOCK TABLE " + Sql.qualified(schema, table) + " IN SHARE UPDATE EXCLUSIVE MODE;\n"
                    + "  FOR r IN SELECT t.relid::regclass::text AS leaf, l.xmin::text AS since"
                    + " FROM pg_partition_tree(" + parent + "::regclass) t"
                    + " JOIN pg_trigger l ON l.tgrelid = t.relid AND l.tgname = " + trigger
                    + " JOIN pg_trigger p ON p.tgrelid = " + parent + "::regclass AND p.tgname = " + trigger
                    + " WHERE t.isleaf AND t.level > 0 AND l.xmin::text <> p.xmin::text LOOP\n"
                    + "    EXECUTE 'SELECT EXISTS (SELECT 1 FROM ' || r.leaf || ' WHERE age(xmin) >= age('"
                    + " || quote_literal(r.since) || '::xid) AND (' || " + Sql.literal(String.join(" OR ", conds))
                    + " || '))' INTO late;\n"
                    + "    IF late THEN\n      RAISE EXCEPTION 'partition % joined % after complete brought the"
                    + " partitions attached during the migration up to date: run complete again', r.leaf, "
                    + parent + ";\n    END IF;\n  END LOOP;\nEND";
            guards.add(Step.Ddl.scanning("check that no partition of " + Sql.ident(table) + " joined since",
                    "DO " + Sql.dollarQuoted(body)));
        });
        return guards;
    }

    private boolean partitioned(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT relkind = 'p' FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private long batch(String name, String sql, BatchWalk walk, List<String> last, List<String> next, String since)
            throws SQLException {
        try {
            return LockRetry.run(settings, migration, "backfill of " + Sql.ident(name), () -> {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    ps.setString(walk.bind(ps, last, next), since);
                    return (long) ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new StepFailedException(migration, "backfill of " + Sql.ident(name), e.getSQLState(),
                    Executor.firstLine(e), e);
        }
    }

    /** Rows not younger than the leaf's trigger clone (one parameter: its xmin as text). */
    private static String beforeJoining() {
        // age() counts back from the current transaction, so older rows have larger ages; it is
        // safe across xid wraparound, and a frozen row version's age is the largest.
        return "age(xmin) >= age(CAST(? AS xid))";
    }

    /**
     * The condition that {@code column} holds what an insert not naming it gave: NULL, or the
     * leaf's default when that is a constant. A default that calls a function ({@code now()}, a
     * sequence) may have given another value then: only NULL counts, and such rows are kept.
     */
    private String unfilled(String leaf, String column) throws SQLException {
        String isNull = Sql.ident(column) + " IS NULL";
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_get_expr(d.adbin, d.adrelid)"
                + " FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = ?::regclass AND a.attname = ?")) {
            ps.setString(1, leaf);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                String value = rs.next() ? rs.getString(1) : null;
                // PostgreSQL prints a constant as a literal with a cast, never with a parenthesis;
                // one inside a literal only makes the test stricter.
                return value == null || value.contains("(") ? isNull
                        : isNull + " OR " + Sql.ident(column) + " IS NOT DISTINCT FROM (" + value + ")";
            }
        }
    }
}
