package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationStateException;
import dev.tuesday.migrate.op.AddColumn;
import dev.tuesday.migrate.op.AlterColumn;
import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.CreateConstraint;
import dev.tuesday.migrate.op.CreateIndex;
import dev.tuesday.migrate.op.CreateTable;
import dev.tuesday.migrate.op.DropColumn;
import dev.tuesday.migrate.op.DropConstraint;
import dev.tuesday.migrate.op.DropIndex;
import dev.tuesday.migrate.op.DropMultiColumnConstraint;
import dev.tuesday.migrate.op.DropTable;
import dev.tuesday.migrate.op.ForeignKeyReference;
import dev.tuesday.migrate.op.IndexField;
import dev.tuesday.migrate.op.Operation;
import dev.tuesday.migrate.op.RawSql;
import dev.tuesday.migrate.op.RenameColumn;
import dev.tuesday.migrate.op.RenameConstraint;
import dev.tuesday.migrate.op.RenameTable;
import dev.tuesday.migrate.op.SetReplicaIdentity;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Several migrations in flight: a migration started while others are active is planned on the
 * newest one's shape ({@link #logical}), its version schema shows that shape with its own change,
 * and its sync triggers work on its own columns.
 *
 * <p>What makes it safe is what a newer step stores: its plan and its trigger function name
 * physical columns and tables as they are when it starts. Completing an older step renames
 * columns (a rename, a shadow taking its column's name), drops them, or builds constraints on
 * them; anything a newer step stored about those would be wrong afterwards. So each plan records
 * its {@link Guard}s — the names whose columns or tables its contract changes — and a migration
 * that touches a guarded name (in its operations or in any of its SQL expressions) is refused
 * before any change, naming the column and the migration to complete first. A column an active
 * step only adds, nullable and without constraints, is not guarded: it is already stored under
 * its final name. {@code sql} operations are refused both ways: what they do is not known.
 *
 * <p>Each step's trigger function tells its own new version from the old one by the writer's
 * schema; a newer version writes the older step's columns as the older step's new version does,
 * so starting a step widens every active step's function to take the new version schema as its
 * own new side ({@link #link}), and rolling it back narrows them again.
 */
final class Chain {

    private Chain() {
    }

    /**
     * A name whose column (or table) an active migration changes at complete.
     *
     * @param table the table as later versions name it; null: every table
     * @param column the column as later versions name it; null: the whole table
     * @param what what the migration does to it, for the message ("renames", "replaces", …)
     */
    record Guard(String table, String column, String what) {
    }

    /**
     * What a migration started on a chain adds to its plan.
     *
     * @param key the key in its sync triggers' names ({@link SyncTriggers#chainKey})
     * @param expandFirst steps that run first at start: the older steps' functions widened
     * @param rollbackLast steps that run last at rollback: the functions narrowed back
     */
    record Link(String key, List<Step> expandFirst, List<Step> rollbackLast) {
    }

    /** One active migration of the chain with its stored plan. */
    record Active(MigrationRecord record, Plan plan) {
    }

    /** The guards of {@code m}: what its contract changes that a migration started on it must not touch. */
    static List<Guard> guards(Migration m) {
        List<Guard> guards = new ArrayList<>();
        for (Operation op : m.operations()) {
            switch (op) {
                case AddColumn a -> {
                    Column c = a.column();
                    if (!c.nullable() || c.unique() || c.pk() || c.check() != null || c.references() != null
                            || c.generated() != null) {
                        guards.add(new Guard(a.table(), c.name(), "adds and constrains"));
                    }
                }
                case RenameColumn r -> {
                    guards.add(new Guard(r.table(), r.from(), "renames"));
                    guards.add(new Guard(r.table(), r.to(), "renames"));
                }
                case AlterColumn a -> guards.add(new Guard(a.table(), a.column(), "replaces"));
                case DropColumn d -> guards.add(new Guard(d.table(), d.column(), "drops"));
                case CreateConstraint c -> c.columns().forEach(col -> guards.add(new Guard(c.table(), col, "replaces")));
                case CreateIndex i -> {
                    // Built at start, nothing renamed at complete: a later step carries it like any index.
                }
                case CreateTable t -> guards.add(new Guard(t.name(), null, "creates"));
                case DropTable t -> guards.add(new Guard(t.name(), null, "drops"));
                case RenameTable t -> {
                    guards.add(new Guard(t.from(), null, "renames"));
                    guards.add(new Guard(t.to(), null, "renames"));
                }
                case DropConstraint d -> guards.add(new Guard(d.table(), null, "changes"));
                case DropMultiColumnConstraint d -> guards.add(new Guard(d.table(), null, "changes"));
                case RenameConstraint r -> guards.add(new Guard(r.table(), null, "changes"));
                case SetReplicaIdentity s -> guards.add(new Guard(s.table(), null, "changes"));
                case DropIndex d -> guards.add(new Guard(null, null, "drops an index of"));
                case RawSql r -> guards.add(new Guard(null, null, "runs sql on"));
            }
        }
        return guards;
    }

    /**
     * The shape {@code m} starts on while {@code chain} (oldest first, not empty) is active: the
     * newest step's version of {@code live}. Throws, before anything changes, when {@code m}
     * cannot be chained ({@link #refusal}). Start and validate both ask this.
     */
    static Schema startingShape(Migration m, List<Active> chain, Schema live, String schemaName) {
        String refusal = refusal(m, chain, live);
        if (refusal != null) {
            throw new MigrationStateException(schemaName, m.name(), refusal);
        }
        Active newest = chain.getLast();
        return logical(live, newest.plan(), newest.record().name());
    }

    /** The active migrations of {@code state}, oldest first, each with its stored plan. */
    static List<Active> actives(StateStore state) throws SQLException {
        List<Active> actives = new ArrayList<>();
        for (MigrationRecord r : state.activeChain()) {
            actives.add(new Active(r, PlanJson.read(r.planJson())));
        }
        return actives;
    }

    /**
     * Why {@code m} cannot be started on {@code chain} (oldest first), in one line naming the
     * column or table and the way out; null when it can.
     */
    static String refusal(Migration m, List<Active> chain, Schema logical) {
        Active newest = chain.getLast();
        if (!newest.record().phase().equals(MigrationRecord.STARTED)) {
            return "migration \"" + newest.record().name() + "\" is active and its start has not finished (phase "
                    + newest.record().phase() + "): run start \"" + newest.record().name() + "\" again, or roll it back,"
                    + " before starting \"" + m.name() + "\"";
        }
        for (Active a : chain) {
            if (a.plan().shape() == null || a.plan().guards() == null || a.plan().syncFunctions() == null) {
                return "migration \"" + a.record().name() + "\" was started by a Tuesday that cannot chain migrations:"
                        + " complete \"" + a.record().name() + "\" first";
            }
        }
        if (m.operations().stream().anyMatch(o -> o instanceof RawSql)) {
            return "\"" + m.name() + "\" has a sql operation, which cannot run while another migration is active:"
                    + " complete \"" + newest.record().name() + "\" (complete --all) first";
        }
        List<Touch> touches = touches(m, logical);
        for (Touch t : touches) {
            // Triggers fire in name order; the chain's keyed names must sort after the first step's.
            if (!t.table().isEmpty() && t.table().charAt(0) >= '~' && !t.table().equals("*")) {
                return "table \"" + t.table() + "\" has a name that sorts after the sync triggers of a chained"
                        + " migration, so they would fire in the wrong order: complete \"" + newest.record().name()
                        + "\" (complete --all) first";
            }
        }
        for (Active a : chain) {
            for (Guard g : a.plan().guards()) {
                for (Touch t : touches) {
                    if (conflicts(g, t)) {
                        String what = g.table() == null ? "schema \"" + logical.name() + "\""
                                : g.column() == null ? "table \"" + g.table() + "\""
                                : "column \"" + g.table() + "\".\"" + g.column() + "\"";
                        return "\"" + m.name() + "\" " + t.how() + " " + (t.column() == null ? "table \"" + t.table() + "\""
                                : "column \"" + t.table() + "\".\"" + t.column() + "\"") + " while active migration \""
                                + a.record().name() + "\" " + g.what() + " " + what + ": complete \"" + a.record().name()
                                + "\" first";
                    }
                }
            }
        }
        return null;
    }

    private static boolean conflicts(Guard g, Touch t) {
        if (g.table() == null) {
            return true;
        }
        if (!g.table().equalsIgnoreCase(t.table())) {
            return false;
        }
        return g.column() == null || t.column() == null || g.column().equalsIgnoreCase(t.column());
    }

    /** A table (column null: as a whole) or column a new migration touches, as the newest version names it. */
    private record Touch(String table, String column, String how) {
    }

    private static List<Touch> touches(Migration m, Schema logical) {
        List<Touch> touches = new ArrayList<>();
        for (Operation op : m.operations()) {
            switch (op) {
                case AddColumn a -> {
                    column(touches, a.table(), a.column().name());
                    words(touches, a.table(), a.up(), a.column().defaultValue(),
                            a.column().check() == null ? null : a.column().check().constraint());
                    reference(touches, a.column().references());
                }
                case AlterColumn a -> {
                    column(touches, a.table(), a.column());
                    words(touches, a.table(), a.up(), a.down(), a.check() == null ? null : a.check().constraint(),
                            a.defaultValue() == null ? null : a.defaultValue().value());
                    reference(touches, a.references());
                }
                case RenameColumn r -> {
                    column(touches, r.table(), r.from());
                    column(touches, r.table(), r.to());
                }
                case DropColumn d -> {
                    column(touches, d.table(), d.column());
                    words(touches, d.table(), d.down());
                }
                case CreateIndex i -> {
                    i.columns().stream().map(IndexField::column).forEach(c -> column(touches, i.table(), c));
                    words(touches, i.table(), i.predicate());
                }
                case CreateTable t -> table(touches, t.name());
                case DropTable t -> table(touches, t.name());
                case RenameTable t -> {
                    table(touches, t.from());
                    table(touches, t.to());
                }
                case CreateConstraint c -> table(touches, c.table());
                case DropConstraint d -> table(touches, d.table());
                case DropMultiColumnConstraint d -> table(touches, d.table());
                case RenameConstraint r -> table(touches, r.table());
                case SetReplicaIdentity s -> table(touches, s.table());
                case DropIndex d -> table(touches, logical.tableOfIndex(d.name()).map(Table::name).orElse(d.name()));
                case RawSql r -> table(touches, "*");
            }
        }
        return touches;
    }

    private static void column(List<Touch> touches, String table, String column) {
        touches.add(new Touch(table, column, "touches"));
    }

    private static void table(List<Touch> touches, String table) {
        touches.add(new Touch(table, null, "touches"));
    }

    private static void reference(List<Touch> touches, ForeignKeyReference r) {
        if (r != null) {
            touches.add(new Touch(r.table(), r.column(), "references"));
        }
    }

    /** String constants, quoted names and plain words of an SQL expression: only the names count. */
    private static final Pattern TOKEN = Pattern.compile("'(?:[^']|'')*'|\"((?:[^\"]|\"\")*)\"|([\\p{L}_][\\p{L}\\p{N}_$]*)");

    /**
     * Every name an expression may use as a column of {@code table} is taken as touched (a false
     * match only refuses a migration that might have been allowed).
     */
    private static void words(List<Touch> touches, String table, String... expressions) {
        for (String e : expressions) {
            if (e == null) {
                continue;
            }
            Matcher matcher = TOKEN.matcher(e);
            while (matcher.find()) {
                String name = matcher.group(1) != null ? matcher.group(1).replace("\"\"", "\"") : matcher.group(2);
                if (name != null) {
                    touches.add(new Touch(table, name, "reads"));
                }
            }
        }
    }

    /**
     * The schema as {@code newest}'s version sees it: each of its tables and columns under the
     * version's names, stored where they are now (renamed columns under their old name until
     * complete, replaced ones in their shadows); what the version does not see is left out.
     */
    static Schema logical(Schema physical, Plan newest, String newestName) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Plan.ShapeTable shape : newest.shape()) {
            Table stored = physical.tableStoredAs(shape.physical()).orElseThrow(() -> new IllegalStateException(
                    "table \"" + shape.physical() + "\" of the version of \"" + newestName + "\" is missing"));
            List<TableColumn> columns = new ArrayList<>();
            for (int i = 0; i < shape.names().size(); i++) {
                String where = shape.physicals().get(i);
                TableColumn column = stored.column(where).orElseThrow(() -> new IllegalStateException("column \""
                        + shape.physical() + "\".\"" + where + "\" of the version of \"" + newestName + "\" is missing"));
                columns.add(column.withName(shape.names().get(i)));
            }
            tables.put(shape.name(), new Table(shape.name(), stored.physical(), columns, stored.primaryKey(),
                    stored.constraints(), stored.indexes(), stored.replicaIdentity(), stored.replicaIdentityIndex(),
                    stored.comment(), stored.estimatedRows(), stored.partitions()));
        }
        return new Schema(physical.name(), tables, physical.otherRelations());
    }

    /** The shape of {@code planned} as {@link Plan#shape} stores it. */
    static List<Plan.ShapeTable> shape(Schema planned) {
        return planned.tables().values().stream().map(t -> new Plan.ShapeTable(t.name(), t.physical(),
                t.columns().stream().map(TableColumn::name).toList(),
                t.columns().stream().map(TableColumn::physical).toList())).toList();
    }

    /** The condition by which a sync function tells its new version's writes, as {@link SyncTriggers} writes it. */
    private static final Pattern NEW_SIDE = Pattern.compile(
            "IF current_schema\\(\\) (?:= '(?:[^']|'')*'|IN \\((?:'(?:[^']|'')*'(?:, )?)+\\)) THEN");

    /**
     * The link of a migration started on {@code chain} with version schema {@code versionSchema}:
     * each active step's sync function, as it is now, is widened to take the writes of every
     * newer version, the new one included, as its new version's.
     *
     * @param position the new migration's place in the schema's history
     */
    static Link link(Connection c, String schema, List<Active> chain, String versionSchema, int position)
            throws SQLException {
        List<Step> widen = new ArrayList<>();
        List<Step> narrow = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            List<String> newSide = new ArrayList<>();
            chain.subList(i, chain.size()).forEach(a -> newSide.add(a.record().versionSchema()));
            newSide.add(versionSchema);
            for (String function : Objects.requireNonNull(chain.get(i).plan().syncFunctions())) {
                String qualified = Sql.qualified(schema, function) + "()";
                String definition = definition(c, qualified);
                if (definition == null) {
                    continue; // its contract has run: nothing to widen
                }
                Matcher matcher = NEW_SIDE.matcher(definition);
                if (!matcher.find()) {
                    throw new IllegalStateException("sync function " + qualified + " of \"" + chain.get(i).record().name()
                            + "\" does not read as Tuesday wrote it");
                }
                String condition = "IF current_schema() IN (" + newSide.stream().map(Sql::literal)
                        .collect(Collectors.joining(", ")) + ") THEN";
                widen.add(new Step.Ddl("let sync function " + qualified + " take writes of " + Sql.ident(versionSchema),
                        definition.substring(0, matcher.start()) + condition + definition.substring(matcher.end())));
                // Last in rollback, once the new version schema is gone; skipped when the older step completed meanwhile.
                narrow.add(new Step.Ddl("narrow sync function " + qualified + " back",
                        "DO " + Sql.dollarQuoted("BEGIN\n  IF to_regprocedure(" + Sql.literal(qualified)
                                + ") IS NOT NULL THEN\n    EXECUTE " + Sql.literal(definition) + ";\n  END IF;\nEND")));
            }
        }
        return new Link(SyncTriggers.chainKey(position), widen, narrow.reversed());
    }

    private static String definition(Connection c, String qualified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_functiondef(p) FROM to_regprocedure(?) p"
                + " WHERE p IS NOT NULL")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
