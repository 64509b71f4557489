package dev.tuesday.migrate.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one migration does, decided before the first DDL runs: the steps of start (before
 * and after the backfill), what the backfill fills, the steps of complete (before the contract,
 * the contract itself, after it) and of rollback. Stored as JSON with the active migration, so
 * complete and rollback need no re-planning.
 *
 * <p>The contract is one transaction: it drops the previous version schema and the sync triggers
 * together with everything only the old version used, and it records that it ran in that same
 * transaction. Before it commits, both versions work and rollback undoes start; after it, only the
 * new version is left and complete finishes the steps after it.
 *
 * @param format the plan format; a plan of another format was written by another Tuesday
 * @param versionSchema the version schema start creates
 * @param previousVersionSchema the version schema the contract drops, or null (first migration)
 * @param expand steps of start before the backfill, in order
 * @param backfill columns the backfill fills on existing rows
 * @param afterBackfill steps of start once every row is backfilled (constraint validation, indexes)
 * @param beforeContract steps of complete before the contract; each leaves both versions working
 * @param contract the statements of the contract, run in one transaction
 * @param afterContract steps of complete after the contract, each safe to run again
 * @param rollback steps of rollback, in order
 * @param swaps the columns replaced by shadows, whose dependents complete looks at again
 * @param drops the columns and tables the contract drops, likewise
 * @param carried what stood on the replaced columns at start and is carried (PostgreSQL's
 *        descriptions): anything else found there at complete was made since, and is refused
 * @param shape the new version's tables and columns, named as it sees them and where they are
 *        stored: a migration started on this one is planned on it; null in a plan made before
 *        migrations could be chained
 * @param guards what this migration's contract (or its helpers) changes under the names a later
 *        version sees, which a migration started on it must not touch; null likewise
 * @param syncFunctions the sync trigger functions start creates, in the migrated schema; null likewise
 */
public record Plan(int format, String versionSchema, String previousVersionSchema, List<Step> expand,
        List<BackfillTarget> backfill, List<Step> afterBackfill, List<Step> beforeContract, List<Step.Ddl> contract,
        List<Step> afterContract, List<Step> rollback, List<ColumnSwap> swaps, List<PlanContext.Drop> drops,
        List<String> carried, List<ShapeTable> shape, List<Chain.Guard> guards, List<String> syncFunctions) {

    /** The format this Tuesday writes and reads. */
    public static final int FORMAT = 2;

    public Plan {
        expand = List.copyOf(expand);
        backfill = List.copyOf(backfill);
        afterBackfill = List.copyOf(afterBackfill);
        beforeContract = List.copyOf(beforeContract);
        contract = List.copyOf(contract);
        afterContract = List.copyOf(afterContract);
        rollback = List.copyOf(rollback);
        swaps = List.copyOf(swaps);
        drops = List.copyOf(drops);
        carried = List.copyOf(carried);
        shape = shape == null ? null : List.copyOf(shape);
        guards = guards == null ? null : List.copyOf(guards);
        syncFunctions = syncFunctions == null ? null : List.copyOf(syncFunctions);
    }

    /**
     * One table as a version sees it.
     *
     * @param name the table's name in the version
     * @param physical the table's name in the schema
     * @param names the columns' names in the version, in order
     * @param physicals where each is stored, in the same order
     */
    public record ShapeTable(String name, String physical, List<String> names, List<String> physicals) {
    }

    /**
     * The key the migration's sync triggers are named with ({@link SyncTriggers#keyOf}), checked
     * against the tables it backfills (a table whose own name starts like a key is not taken for one).
     */
    public String syncKey() {
        String key = SyncTriggers.keyOf(syncFunctions);
        return key.isEmpty() || backfill.stream().allMatch(b -> syncFunctions.contains(SyncTriggers.name(b.table(), key)))
                ? key : "";
    }

    /** Every step of complete in the order it runs: before the contract, the contract, after it. */
    public List<Step> complete() {
        List<Step> all = new ArrayList<>(beforeContract);
        all.addAll(contract);
        all.addAll(afterContract);
        return all;
    }

    /** The plan as text, one step a line: what {@code --dry-run} style output would print. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        expand.forEach(s -> out.append("start: ").append(s.description()).append('\n'));
        backfill.forEach(b -> out.append("backfill: ").append(Sql.ident(b.table())).append('.')
                .append(Sql.ident(b.target())).append(" = ").append(b.expression()).append('\n'));
        afterBackfill.forEach(s -> out.append("start: ").append(s.description()).append('\n'));
        beforeContract.forEach(s -> out.append("complete: ").append(s.description()).append('\n'));
        contract.forEach(s -> out.append("complete (contract): ").append(s.description()).append('\n'));
        afterContract.forEach(s -> out.append("complete: ").append(s.description()).append('\n'));
        rollback.forEach(s -> out.append("rollback: ").append(s.description()).append('\n'));
        return out.toString();
    }
}
