package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.schema.TableColumn;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The triggers that keep the old and new shapes of one table in sync while both versions run.
 *
 * <p>Which version wrote a row is told by the writer's schema ({@code current_schema()}, the first
 * schema of its {@code search_path} that exists): the new version's connections select the
 * version schema ({@code currentSchema=…}), everything else is the old version. The function
 * evaluates {@code up} (old → new) or {@code down} (new → old) with a local variable for each
 * column of the writer's shape that the expressions name, named as that version names the
 * column, so the expressions run as written in the file.
 *
 * <p>Cost is kept low on purpose: one PL/pgSQL call per written row, no table access. The function
 * fires from two triggers. Inserts go through one without a {@code WHEN} clause: PostgreSQL makes a
 * trigger's {@code WHEN} expression ready again for every statement, which for an application's
 * single-row inserts cost more than the function itself. Updates go through one whose {@code WHEN}
 * clause skips the backfill's own transactions (which set {@code tuesday.backfill}), so the
 * set-based backfill does not pay a function call per row; it never inserts.
 *
 * <p>When migrations are chained, each has its own triggers, named with a key ({@code ~} and the
 * migration's place in the history) that sorts after the first one's name and after every
 * earlier one's: PostgreSQL fires a row's triggers in the order of their names, so the oldest
 * step fills its columns before a newer step's {@code up} reads them. A step's function takes
 * writes of every newer version as writes of its own ({@link Chain} widens it when one starts).
 */
public final class SyncTriggers {

    /** The transaction-local setting the backfill sets so the triggers stay out of its way. */
    public static final String BACKFILL_SETTING = "tuesday.backfill";

    private SyncTriggers() {
    }

    /** The name of the insert trigger (and of the function both triggers run) on {@code table}. */
    public static String name(String table) {
        return name(table, "");
    }

    /**
     * The name of the insert trigger (and of the function) of a migration started with
     * {@code key} ({@code ""} when none was active, else {@link #chainKey}).
     */
    static String name(String table, String key) {
        return PlanContext.helperName("_tuesday_sync_" + key, table);
    }

    /** The name of the update trigger on {@code table}. */
    static String updateName(String table, String key) {
        return PlanContext.helperName("_tuesday_sync_update_" + key, table);
    }

    /**
     * The key of a migration started while others are active, {@code position} being its place
     * in the schema's history: {@code ~} sorts after every letter and digit, so its triggers fire
     * after those of the migration without a key, and the numbers keep the chain's order.
     */
    static String chainKey(int position) {
        return String.format(Locale.ROOT, "~%06d_", position);
    }

    /**
     * The key a migration's triggers were named with, read back from the names of its sync
     * functions ({@link Plan#syncFunctions}): {@code ""} when it was started with none active, or
     * when its plan is from before chains (null).
     */
    static String keyOf(List<String> functions) {
        String prefix = "_tuesday_sync_~";
        if (functions != null) {
            for (String f : functions) {
                int end = prefix.length();
                while (f.startsWith(prefix) && end < f.length() && Character.isDigit(f.charAt(end))) {
                    end++;
                }
                // chainKey's digits (six, more past a million migrations), then '_'.
                if (end - prefix.length() >= 6 && end < f.length() && f.charAt(end) == '_') {
                    return f.substring(prefix.length() - 1, end + 1);
                }
            }
        }
        return "";
    }

    /**
     * The SQL that creates the function and the trigger on {@code schema.table}.
     *
     * @param oldColumns physical columns of the table before the migration (the old version's names)
     * @param newColumns the new version's columns (visible name → physical column)
     * @param rules the table's sync rules, at least one
     */
    public static String create(String schema, String versionSchema, String table, List<String> oldColumns,
            List<TableColumn> newColumns, List<SyncRule> rules) {
        return create(schema, versionSchema, table, oldColumns, newColumns, rules, "");
    }

    /** As {@link #create(String, String, String, List, List, List)}, for a migration started with {@code key}. */
    static String create(String schema, String versionSchema, String table, List<String> oldColumns,
            List<TableColumn> newColumns, List<SyncRule> rules, String key) {
        String fn = Sql.qualified(schema, name(table, key));
        String qualifiedTable = Sql.qualified(schema, table);
        List<SyncRule> up = rules.stream().filter(r -> r.direction() == SyncRule.Direction.UP).toList();
        List<SyncRule> down = rules.stream().filter(r -> r.direction() == SyncRule.Direction.DOWN).toList();
        StringBuilder body = new StringBuilder();
        body.append("BEGIN\n  IF current_schema() = ").append(Sql.literal(versionSchema)).append(" THEN\n");
        appendBranch(body, qualifiedTable, newColumns.stream().map(c -> Map.entry(c.name(), c.physical())).toList(), down);
        body.append("  ELSE\n");
        appendBranch(body, qualifiedTable, oldColumns.stream().map(c -> Map.entry(c, c)).toList(), up);
        body.append("  END IF;\n  RETURN NEW;\nEND");
        return "CREATE OR REPLACE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS "
                + Sql.dollarQuoted(body.toString()) + ";\n"
                + dropTriggers(qualifiedTable, table, key)
                + "CREATE TRIGGER " + Sql.ident(name(table, key)) + " BEFORE INSERT ON " + qualifiedTable
                + " FOR EACH ROW EXECUTE FUNCTION " + fn + "();\n"
                + "CREATE TRIGGER " + Sql.ident(updateName(table, key)) + " BEFORE UPDATE ON " + qualifiedTable
                + " FOR EACH ROW WHEN (current_setting(" + Sql.literal(BACKFILL_SETTING)
                + ", true) IS DISTINCT FROM 'on') EXECUTE FUNCTION " + fn + "()";
    }

    private static String dropTriggers(String qualifiedTable, String table, String key) {
        return "DROP TRIGGER IF EXISTS " + Sql.ident(name(table, key)) + " ON " + qualifiedTable + ";\n"
                + "DROP TRIGGER IF EXISTS " + Sql.ident(updateName(table, key)) + " ON " + qualifiedTable + ";\n";
    }

    /** The SQL that drops the triggers and their function, if they exist. */
    public static String drop(String schema, String table) {
        return drop(schema, table, "");
    }

    /** As {@link #drop(String, String)}, for a migration started with {@code key}. */
    static String drop(String schema, String table, String key) {
        return dropTriggers(Sql.qualified(schema, table), table, key)
                + "DROP FUNCTION IF EXISTS " + Sql.qualified(schema, name(table, key)) + "()";
    }

    private static void appendBranch(StringBuilder body, String table, List<Map.Entry<String, String>> columns,
            List<SyncRule> rules) {
        if (rules.isEmpty()) {
            body.append("    NULL;\n");
            return;
        }
        // Only the columns an expression may name get a variable: copying every column of a wide
        // table on every write is most of the trigger's cost. A name that appears in the text
        // as written or quoted (case-insensitively, so unquoted references folded to lower case
        // are kept) is declared; a false match only costs a copy.
        String text = rules.stream().map(SyncRule::expression).reduce("", String::concat).toLowerCase(Locale.ROOT);
        List<Map.Entry<String, String>> used = columns.stream()
                .filter(c -> text.contains(c.getKey().toLowerCase(Locale.ROOT))
                        || text.contains(Sql.ident(c.getKey()).toLowerCase(Locale.ROOT)))
                .toList();
        body.append(used.isEmpty() ? "" : "    DECLARE\n");
        for (Map.Entry<String, String> c : used) {
            body.append("      ").append(Sql.ident(c.getKey())).append(' ').append(table).append('.')
                    .append(Sql.ident(c.getValue())).append("%TYPE := NEW.").append(Sql.ident(c.getValue()))
                    .append(";\n");
        }
        body.append("    BEGIN\n");
        for (SyncRule r : rules) {
            body.append("      NEW.").append(Sql.ident(r.target())).append(" := (").append(r.expression())
                    .append(");\n");
        }
        body.append("    END;\n");
    }
}
