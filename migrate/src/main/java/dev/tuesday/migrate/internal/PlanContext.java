package dev.tuesday.migrate.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What planners write into while one migration is planned: the model of the new version's schema,
 * and the lists of steps, sync rules and backfill targets. See {@link OperationPlanner} for the
 * contract.
 */
public final class PlanContext {

    /** PostgreSQL truncates identifiers longer than this many bytes. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private final SchemaModel schema;
    private final String versionSchema;
    private final List<Step> expand = new ArrayList<>();
    private final List<Step> afterBackfill = new ArrayList<>();
    private final List<Step> complete = new ArrayList<>();
    private final List<Step> completeRenames = new ArrayList<>();
    private final List<Step> completeLast = new ArrayList<>();
    private final List<List<Step>> rollbackPerOperation = new ArrayList<>();
    private final List<SyncRule> syncRules = new ArrayList<>();
    private final List<BackfillTarget> backfill = new ArrayList<>();

    PlanContext(SchemaModel schema, String versionSchema) {
        this.schema = schema;
        this.versionSchema = versionSchema;
        rollbackPerOperation.add(new ArrayList<>());
    }

    /** The schema as the new version sees it so far; planners change it. */
    public SchemaModel schema() {
        return schema;
    }

    /** The name of the version schema this migration creates. */
    public String versionSchema() {
        return versionSchema;
    }

    /** {@code schema.table} for a physical table name, quoted. */
    public String qualified(String physicalTable) {
        return Sql.qualified(schema.name(), physicalTable);
    }

    /** Adds a step to start, before the backfill. */
    public void expand(Step step) {
        expand.add(step);
    }

    /** Adds a step to start, after the backfill (e.g. {@code VALIDATE CONSTRAINT}). */
    public void afterBackfill(Step step) {
        afterBackfill.add(step);
    }

    /** Adds a step to complete. */
    public void complete(Step step) {
        complete.add(step);
    }

    /**
     * Adds a column rename to complete: it runs after the other complete steps, which name the
     * column by its physical name ({@link ColumnModel#completePhysical()}), and before the table
     * renames.
     */
    public void completeRename(Step step) {
        completeRenames.add(step);
    }

    /**
     * Adds a step to complete that runs after every other operation's complete steps: a table
     * rename, since the steps of the other operations name the table by its physical name.
     */
    public void completeLast(Step step) {
        completeLast.add(step);
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
        afterBackfill(new Step.Ddl("validate check " + Sql.ident(check),
                "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + Sql.ident(check)));
        complete(new Step.Ddl("set " + Sql.ident(completeColumn) + " NOT NULL on " + Sql.ident(table),
                "ALTER TABLE " + t + " ALTER COLUMN " + Sql.ident(completeColumn) + " SET NOT NULL;"
                        + " ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Sql.ident(check)));
        rollback(new Step.Ddl("drop check " + Sql.ident(check),
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

    void nextOperation() {
        rollbackPerOperation.add(new ArrayList<>());
    }

    List<Step> expandSteps() {
        return expand;
    }

    List<Step> afterBackfillSteps() {
        return afterBackfill;
    }

    List<Step> completeSteps() {
        List<Step> steps = new ArrayList<>(complete);
        steps.addAll(completeRenames);
        steps.addAll(completeLast);
        return steps;
    }

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
