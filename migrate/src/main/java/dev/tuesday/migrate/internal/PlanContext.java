package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What operations write their plans into while one migration is planned: the schema as the new
 * version sees it so far, and the lists of steps, sync rules and backfill targets. See
 * {@link dev.tuesday.migrate.op.Operation#plan} for the contract. Made by {@link Planners}, which
 * calls {@code beginOperation} before each operation.
 */
public final class PlanContext {

    /** PostgreSQL truncates identifiers longer than this many bytes. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private Schema schema;
    private final String versionSchema;
    private final List<Step> expandColumns = new ArrayList<>();
    private final List<Step> expand = new ArrayList<>();
    private final List<Step> afterBackfill = new ArrayList<>();
    private final List<Step> beforeContract = new ArrayList<>();
    private final List<Step.Ddl> contractFirst = new ArrayList<>();
    private final List<Step.Ddl> contract = new ArrayList<>();
    private final List<Step.Ddl> contractAttach = new ArrayList<>();
    private final List<Step.Ddl> contractRenames = new ArrayList<>();
    private final List<Step.Ddl> contractLast = new ArrayList<>();
    private final List<java.util.function.Supplier<Step>> afterContract = new ArrayList<>();
    private final List<List<Step>> rollbackPerOperation = new ArrayList<>();
    private final List<SyncRule> syncRules = new ArrayList<>();
    private final List<BackfillTarget> backfill = new ArrayList<>();
    private final List<ColumnSwap> swaps = new ArrayList<>();
    private final List<Drop> drops = new ArrayList<>();
    private final List<Step> rollbackFirst = new ArrayList<>();
    private int operation;
    private String kind;

    PlanContext(Schema schema, String versionSchema) {
        this.schema = schema;
        this.versionSchema = versionSchema;
        rollbackPerOperation.add(new ArrayList<>());
    }

    /** The schema as the new version sees it after the operations planned so far. */
    public Schema schema() {
        return schema;
    }

    /** Moves on to {@code changed}: the schema as the new version sees it after this operation. */
    public void schema(Schema changed) {
        schema = changed;
    }

    /** The table the new version calls {@code tableName}; fails with a clear message when absent. */
    public Table table(String tableName) {
        return schema.table(tableName).orElseThrow(() -> new IllegalArgumentException(
                "table " + Sql.ident(tableName) + " does not exist in schema " + Sql.ident(schema.name())));
    }

    /** The column the new version calls {@code columnName}; fails with a clear message when absent. */
    public static TableColumn column(Table table, String columnName) {
        return table.column(columnName).orElseThrow(() -> new IllegalArgumentException(
                "column " + Sql.ident(columnName) + " does not exist in table " + Sql.ident(table.name())));
    }

    /** The name of the version schema this migration creates. */
    public String versionSchema() {
        return versionSchema;
    }

    /** {@code schema.table} for a physical table name, quoted. */
    public String qualified(String physicalTable) {
        return Sql.qualified(schema.name(), physicalTable);
    }

    /**
     * Adds a column to start: columns come first, then the sync triggers that fill them on every
     * write of the old version, and only then the other steps — a constraint on a new column
     * must never see an old version's row before the trigger has filled it.
     */
    public void expandColumn(Step step) {
        expandColumns.add(step);
    }

    /** Adds a step to start, before the backfill, once the new columns and the sync triggers are in place. */
    public void expand(Step step) {
        expand.add(step);
    }

    /** Adds a step to start, after the backfill (e.g. {@code VALIDATE CONSTRAINT}). */
    public void afterBackfill(Step step) {
        afterBackfill.add(step);
    }

    /**
     * Adds a statement to the contract: the one transaction of complete that ends the old version
     * (its version schema, the sync triggers, the columns only it used go together), so a failure
     * or a kill leaves both versions as they were and a second complete finds nothing half done.
     */
    public void contract(Step.Ddl step) {
        contract.add(step);
    }

    /**
     * Adds a statement to the contract that runs before every operation's own: what has to leave
     * a column before the column can be dropped (a view redefined, a foreign key pointing in).
     */
    public void contractFirst(Step.Ddl step) {
        contractFirst.add(step);
    }

    /**
     * Adds a statement to the contract that runs once the columns are swapped and before any
     * column or table is renamed: dependents put back under their names (constraints attached,
     * triggers and policies recreated from their own definitions).
     */
    public void contractAttach(Step.Ddl step) {
        contractAttach.add(step);
    }

    /**
     * Adds a column rename to the contract: it runs after the other contract statements, which
     * name the column by its physical name ({@link TableColumn#completePhysical()}), and before
     * the table renames.
     */
    public void contractRename(Step.Ddl step) {
        contractRenames.add(step);
    }

    /**
     * Adds a statement to the contract that runs after every other: a table rename, since the
     * statements of the other operations name the table by its physical name.
     */
    public void contractLast(Step.Ddl step) {
        contractLast.add(step);
    }

    /** Adds a step to complete before the contract; it must leave both versions working. */
    public void beforeContract(Step step) {
        beforeContract.add(step);
    }

    /**
     * Adds a step to complete after the contract, each its own transaction (or none): validations,
     * concurrent index drops, {@code sql} run at complete. A kill among them is finished by the
     * next complete, so each must be safe to run twice.
     */
    public void afterContract(Step step) {
        afterContract.add(() -> step);
    }

    /**
     * Adds a step on {@code table} to complete after the contract: {@code step} is given the
     * table's quoted name once the contract has run, which a later {@code rename_table} of the
     * same migration may change.
     */
    public void afterContract(Table table, java.util.function.Function<String, Step> step) {
        String physical = table.physical();
        afterContract.add(() -> step.apply(qualified(
                schema.tableStoredAs(physical).map(Table::name).orElse(physical))));
    }

    /** Adds a step to this operation's rollback (run in the order given; operations in reverse). */
    public void rollback(Step step) {
        rollbackPerOperation.getLast().add(step);
    }

    /** Adds a rule to the table's sync trigger. */
    public void sync(SyncRule rule) {
        syncRules.add(rule);
    }

    /** Asks the backfill to fill a column on every existing row. */
    public void backfill(BackfillTarget target) {
        backfill.add(target);
    }

    /**
     * NOT NULL without a scan under ACCESS EXCLUSIVE: a {@code CHECK (column IS NOT NULL) NOT VALID}
     * at start, {@code VALIDATE} once backfilled (a lock that lets writes through), then at
     * complete {@code SET NOT NULL}, which the validated check lets PostgreSQL prove without a
     * scan, and the check is dropped.
     *
     * @param table physical table
     * @param column physical column during start
     * @param completeColumn the column's physical name when complete's step runs
     */
    public void notNullCheck(String table, String column, String completeColumn) {
        String check = helperName("_tuesday_nn_", table + "_" + column);
        String t = qualified(table);
        expand(new Step.Ddl("add check " + Sql.ident(column) + " IS NOT NULL (not valid) on " + Sql.ident(table),
                "ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(check) + " CHECK (" + Sql.ident(column)
                        + " IS NOT NULL) NOT VALID"));
        afterBackfill(Step.Ddl.scanning("validate check " + Sql.ident(check),
                "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + Sql.ident(check)));
        contract(new Step.Ddl("set " + Sql.ident(completeColumn) + " NOT NULL on " + Sql.ident(table),
                "ALTER TABLE " + t + " ALTER COLUMN " + Sql.ident(completeColumn) + " SET NOT NULL;"
                        + " ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Sql.ident(check)));
        // Before the sync trigger goes: without it the old version's rows would leave the column NULL.
        rollbackFirst(new Step.Ddl("drop check " + Sql.ident(check),
                "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Sql.ident(check)));
    }

    /**
     * A name for a helper object ({@code prefix} + {@code base}) that fits PostgreSQL's 63 bytes:
     * too long a base is replaced by a hash of it, so two helpers never collide by truncation.
     */
    public static String helperName(String prefix, String base) {
        String name = prefix + base;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES) {
            return name;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(base.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The operation at {@code index} (of kind {@code kind}) is planned next. */
    void beginOperation(int index, String operationKind) {
        if (index > 0) {
            rollbackPerOperation.add(new ArrayList<>());
        }
        operation = index;
        kind = operationKind;
    }

    /**
     * Records that the contract will drop {@code column} of {@code table} and give {@code shadow}
     * its place: whatever stands on the column is carried to the shadow by the engine.
     *
     * @param commentGiven whether the operation sets the column's comment itself
     */
    public void swap(String table, String column, String shadow, String completeName, String type,
            boolean commentGiven) {
        swaps.add(new ColumnSwap(table, column, shadow, completeName, type, commentGiven, operation, kind));
    }

    /**
     * Records that the contract drops {@code column} of {@code table} (null: the whole table), so
     * the engine can refuse at start what PostgreSQL would not let it drop then.
     */
    public void drops(String table, String column) {
        drops.add(new Drop(table, column, operation, kind));
    }

    /** What the contract drops, in the order it was planned. */
    public List<Drop> drops() {
        return List.copyOf(drops);
    }

    /** A column (or, with a null column, a table) the contract drops; {@code operation} and {@code kind} for messages. */
    public record Drop(String table, String column, int operation, String kind) {
    }

    /** The columns the operations replace, in the order they were planned. */
    public List<ColumnSwap> swaps() {
        return List.copyOf(swaps);
    }

    /**
     * Adds a step to rollback that runs before the sync triggers are dropped and before every
     * operation's own: what was built on a shadow column from another table (a foreign key
     * pointing at it) must go before the shadow can, and a check that rejects a NULL in a new
     * column must go while the trigger still fills it.
     */
    public void rollbackFirst(Step step) {
        rollbackFirst.add(step);
    }

    List<Step> expandColumnSteps() {
        return expandColumns;
    }

    List<Step> expandSteps() {
        return expand;
    }

    List<Step> afterBackfillSteps() {
        return afterBackfill;
    }

    List<Step> beforeContractSteps() {
        return beforeContract;
    }

    /** The contract's statements in the order they run, given what the engine puts first. */
    List<Step.Ddl> contractSteps(List<Step.Ddl> engineFirst) {
        List<Step.Ddl> steps = new ArrayList<>(engineFirst);
        steps.addAll(contractFirst);
        steps.addAll(contract);
        steps.addAll(contractAttach);
        steps.addAll(contractRenames);
        steps.addAll(contractLast);
        return steps;
    }

    List<Step> afterContractSteps() {
        return afterContract.stream().map(java.util.function.Supplier::get).toList();
    }

    /** Steps of rollback to run while the sync triggers are still in place. */
    List<Step> rollbackFirstSteps() {
        return rollbackFirst;
    }

    /** The operations' own rollback steps, operations in reverse order. */
    List<Step> rollbackSteps() {
        List<Step> steps = new ArrayList<>();
        for (List<Step> operation : rollbackPerOperation.reversed()) {
            steps.addAll(operation);
        }
        return steps;
    }

    List<SyncRule> syncRules() {
        return syncRules;
    }

    List<BackfillTarget> backfillTargets() {
        return backfill;
    }
}
