package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.op.Operation;
import dev.tuesday.migrate.op.RawSql;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the plan of a whole migration is assembled: each operation plans its own steps
 * ({@link Operation#plan}, in file order, on one {@link PlanContext}), then the engine adds the
 * sync triggers and the version schema around them.
 */
public final class Planners {

    private Planners() {
    }

    /**
     * Plans {@code migration} against {@code schema} (as read from the catalog).
     *
     * @param previousVersionSchema the version schema complete will drop, or null
     */
    public static Plan plan(Migration migration, Schema schema, String versionSchema,
            String previousVersionSchema) {
        return plan(migration, schema, versionSchema, previousVersionSchema, List.of());
    }

    /**
     * What {@code migration}'s contract replaces by shadows and drops.
     *
     * @param swaps the columns replaced by shadows
     * @param drops the columns and tables dropped
     */
    public record Reach(List<ColumnSwap> swaps, List<PlanContext.Drop> drops) {
    }

    /**
     * What {@code migration} replaces and drops, planned against {@code schema}: what
     * {@link DependentReader#standing} looks at before the plan is made.
     */
    public static Reach reach(Migration migration, Schema schema, String versionSchema) {
        PlanContext ctx = operations(migration, schema, versionSchema);
        return new Reach(ctx.swaps(), ctx.drops());
    }

    /**
     * Plans {@code migration} against {@code schema}, carrying {@code dependents} (what stands on
     * the columns it replaces, as {@link DependentReader} read it).
     */
    public static Plan plan(Migration migration, Schema schema, String versionSchema,
            String previousVersionSchema, List<Dependent> dependents) {
        return plan(migration, schema, versionSchema, previousVersionSchema, dependents, null);
    }

    /**
     * Plans {@code migration} as {@link #plan(Migration, Schema, String, String, List)} does; with
     * a {@code link}, started on a chain of active migrations, {@code schema} being the newest
     * one's shape ({@link Chain#logical}).
     */
    static Plan plan(Migration migration, Schema schema, String versionSchema,
            String previousVersionSchema, List<Dependent> dependents, Chain.Link link) {
        String key = link == null ? "" : link.key();
        Map<String, List<String>> oldColumns = new LinkedHashMap<>();
        for (Table t : schema.tables().values()) {
            oldColumns.put(t.physical(), t.columns().stream().map(TableColumn::physical).toList());
        }
        PlanContext ctx = operations(migration, schema, versionSchema);
        DependentSteps.plan(ctx, dependents);
        Schema planned = ctx.schema();

        List<Step> expand = new ArrayList<>(link == null ? List.of() : link.expandFirst());
        expand.addAll(ctx.expandColumnSteps());
        List<Step.Ddl> contractFirst = new ArrayList<>();
        List<Step> rollback = new ArrayList<>();
        rollback.add(new Step.Ddl("drop version schema " + Sql.ident(versionSchema), VersionSchemas.drop(versionSchema)));
        // While the sync triggers still fill the new columns, so no write of the old version fails.
        rollback.addAll(ctx.rollbackFirstSteps());
        if (previousVersionSchema != null) {
            // Its views read the columns the contract drops: it goes first, in the same transaction.
            contractFirst.add(new Step.Ddl("drop previous version schema " + Sql.ident(previousVersionSchema),
                    VersionSchemas.drop(previousVersionSchema)));
        }
        List<String> syncFunctions = new ArrayList<>();
        Map<String, List<SyncRule>> rulesByTable = new LinkedHashMap<>();
        ctx.syncRules().forEach(r -> rulesByTable.computeIfAbsent(r.table(), k -> new ArrayList<>()).add(r));
        rulesByTable.forEach((table, rules) -> {
            Table synced = planned.tableStoredAs(table).orElseThrow(() -> new MigrationException(migration.source()
                    + ": table " + Sql.ident(table) + " is not part of the new version, yet its columns need to be kept"
                    + " in sync"));
            expand.add(new Step.Ddl("create sync trigger on " + Sql.ident(table),
                    SyncTriggers.create(schema.name(), versionSchema, table, oldColumns.getOrDefault(table, List.of()),
                            synced.columns(), rules, key)));
            syncFunctions.add(SyncTriggers.name(table, key));
            Step.Ddl drop = new Step.Ddl("drop sync trigger on " + Sql.ident(table),
                    SyncTriggers.drop(schema.name(), table, key));
            // The trigger's body names columns the contract drops: it goes in the same transaction.
            contractFirst.add(drop);
            rollback.add(drop);
        });
        expand.addAll(ctx.expandSteps());
        boolean sqlAtStart = migration.operations().stream().anyMatch(o -> o instanceof RawSql r && !r.onComplete());
        expand.add(new Step.Ddl("create version schema " + Sql.ident(versionSchema), sqlAtStart
                ? VersionSchemas.createAfterSql(planned, versionSchema, oldColumns)
                : VersionSchemas.create(planned, versionSchema)));
        rollback.addAll(ctx.rollbackSteps());
        if (link != null) {
            rollback.addAll(link.rollbackLast());
        }
        return new Plan(Plan.FORMAT, versionSchema, previousVersionSchema, expand, ctx.backfillTargets(),
                ctx.afterBackfillSteps(), ctx.beforeContractSteps(), ctx.contractSteps(contractFirst),
                ctx.afterContractSteps(), rollback, ctx.swaps(), ctx.drops(), dependents.stream()
                        .filter(d -> d.kind() != Dependent.Kind.COLUMN).map(Dependent::name).toList(),
                Chain.shape(planned), Chain.guards(migration), syncFunctions);
    }

    private static PlanContext operations(Migration migration, Schema schema, String versionSchema) {
        PlanContext ctx = new PlanContext(schema, versionSchema);
        List<Operation> operations = migration.operations();
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            ctx.beginOperation(i, op.kind());
            try {
                op.plan(ctx);
            } catch (IllegalArgumentException e) {
                throw new MigrationException(migration.source() + ": operations[" + i + "]." + op.kind() + ": "
                        + e.getMessage(), e);
            }
        }
        return ctx;
    }
}
