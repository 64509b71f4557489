package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.FolderRun;
import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.MigrationStateException;
import dev.tuesday.migrate.op.RawSql;
import dev.tuesday.migrate.schema.MigrationValidator;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.SchemaReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commands of {@code Migrator}, run under the Tuesday lock: start (expand, backfill), complete
 * (contract), rollback, and migrate (each pending migration started and completed). A start that
 * fails before its backfill is undone at once; one that stops during the backfill (a crash, a
 * timeout) stays active and resumes where it stopped when started or completed again.
 */
public final class Engine {

    private final Settings settings;

    /** An engine with validated settings. */
    public Engine(Settings settings) {
        this.settings = settings;
    }

    /** Work done with the lock held, on a work connection, with the state schema in place. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work. */
        T run(Connection connection, StateStore state) throws SQLException;
    }

    /** Runs {@code work} holding the schema's Tuesday lock; {@code command} names us in pg_stat_activity. */
    public <T> T locked(String command, Work<T> work) {
        try (Connection c = settings.connect()) {
            applicationName(c, command);
            c.setAutoCommit(true);
            // The lock is held by the session that does the work: it cannot be lost while the work goes on.
            try (TuesdayLock lock = TuesdayLock.acquire(c, settings.schema(), settings.waitForTuesdayLock(), settings)) {
                StateStore state = new StateStore(c, settings.stateSchema(), settings.schema());
                state.init();
                return work.run(c, state);
            }
        } catch (SQLException e) {
            throw new MigrationException("database error during " + command + ": " + Executor.firstLine(e), e);
        }
    }

    /**
     * Starts {@code m} (or resumes it when it is active); returns its version schema. While other
     * migrations are active, {@code m} is started on the newest of them (see {@link Chain}), or
     * refused before any change when it touches what they change.
     */
    public String start(Connection c, StateStore state, Migration m) throws SQLException {
        List<MigrationRecord> chain = state.activeChain();
        Optional<MigrationRecord> same = chain.stream().filter(r -> r.name().equals(m.name())).findFirst();
        if (same.isPresent()) {
            sameFile(same.get(), m);
            return resume(c, state, same.get(), m);
        }
        Optional<MigrationRecord> applied = state.applied(m.name());
        if (applied.isPresent()) {
            throw new MigrationStateException(settings.schema(), m.name(), "migration \"" + m.name()
                    + "\" is already applied to schema \"" + settings.schema() + "\"");
        }
        Schema schema = SchemaReader.read(c, settings.schema());
        String versionSchema = m.versionSchemaIn(settings.schema());
        String previousVersionSchema = state.latestComplete().map(MigrationRecord::versionSchema).orElse(null);
        String parent = state.latestComplete().map(MigrationRecord::name).orElse(null);
        Chain.Link link = null;
        if (!chain.isEmpty()) {
            List<Chain.Active> actives = Chain.actives(state);
            schema = Chain.startingShape(m, actives, schema, settings.schema());
            Chain.Active newest = actives.getLast();
            previousVersionSchema = newest.record().versionSchema();
            parent = newest.record().name();
            link = Chain.link(c, settings.schema(), actives, versionSchema, state.history().size());
        }
        // Every name, type and SQL fragment is checked against the live schema before any DDL.
        MigrationValidator.validate(m, schema, c);
        // What stands on the columns the migration replaces: carried, or refused before any DDL.
        Planners.Reach reach = Planners.reach(m, schema, versionSchema);
        List<DependentReader.Found> found = DependentReader.standing(c, m.source(), schema, reach,
                versionSchemas(state));
        List<Dependent> dependents = reach.swaps().isEmpty() ? List.of()
                : DependentReader.read(c, m, settings, found, reach.swaps());
        Plan plan = Planners.plan(m, schema, versionSchema, previousVersionSchema, dependents, link);
        long id = state.insert(m.name(), parent, m.checksum(),
                OperationsJson.write(m), PlanJson.write(plan), versionSchema, settings.clock().instant(),
                m.text() == null ? null : m.source(), m.text());
        Executor executor = new Executor(c, settings, m.name());
        int done = 0;
        try {
            for (Step step : plan.expand()) {
                executor.run(step);
                done++;
            }
            if (m.operations().stream().anyMatch(o -> o instanceof RawSql r && !r.onComplete())) {
                // Its sql may have built something on a column the migration replaces or drops.
                recheck(c, state, m.name(), plan);
            }
        } catch (MigrationException e) {
            if (done == 0) {
                // Nothing was changed: no rollback DDL to run (it would wait for the same locks).
                state.finish(id, MigrationRecord.ROLLED_BACK, settings.clock().instant());
            } else {
                undo(c, state, id, plan, m.name(), e);
            }
            throw e;
        }
        state.setPhase(id, MigrationRecord.BACKFILLING);
        finishStart(c, state, id, plan, m.name());
        return versionSchema;
    }

    private String resume(Connection c, StateStore state, MigrationRecord a, Migration m) throws SQLException {
        Plan plan = PlanJson.read(a.planJson());
        switch (a.phase()) {
            case MigrationRecord.EXPANDING -> {
                settings.report(a.name(), "the previous start stopped while expanding: undoing it, then starting again");
                undo(c, state, a.id(), plan, a.name(), null);
                return start(c, state, m);
            }
            case MigrationRecord.BACKFILLING -> {
                settings.report(a.name(), "resuming the backfill");
                finishStart(c, state, a.id(), plan, a.name());
            }
            default -> settings.report(a.name(), "already started; version schema " + a.versionSchema());
        }
        if (a.phase().equals(MigrationRecord.STARTED)) {
            new Backfiller(c, settings, state, a.name()).run(a.id(), plan); // partitions attached since
        }
        return a.versionSchema();
    }

    private void finishStart(Connection c, StateStore state, long id, Plan plan, String name) throws SQLException {
        new Backfiller(c, settings, state, name).run(id, plan);
        Executor executor = new Executor(c, settings, name);
        for (Step step : plan.afterBackfill()) {
            executor.run(step);
        }
        state.setPhase(id, MigrationRecord.STARTED);
        settings.report(name, "started: the new version uses schema " + Sql.ident(plan.versionSchema()));
    }

    /** Completes the active migration, the oldest when several are: its previous version schema goes. */
    public String complete(Connection c, StateStore state) throws SQLException {
        MigrationRecord a = state.oldestActive().orElseThrow(() -> new MigrationStateException(settings.schema(),
                null, "no active migration on schema \"" + settings.schema() + "\": nothing to complete"));
        Plan plan = PlanJson.read(a.planJson());
        if (a.phase().equals(MigrationRecord.EXPANDING)) {
            throw new MigrationStateException(settings.schema(), a.name(), "the start of \"" + a.name()
                    + "\" did not finish: run start again or roll it back");
        }
        if (!a.phase().equals(MigrationRecord.CONTRACTED) && plan.previousVersionSchema() != null) {
            VersionSessions.refuseWhileUsed(c, settings, a.name(), "complete of \"" + a.name() + "\" would drop",
                    Set.of(plan.previousVersionSchema()));
        }
        if (a.phase().equals(MigrationRecord.BACKFILLING)) {
            finishStart(c, state, a.id(), plan, a.name());
        }
        Executor executor = new Executor(c, settings, a.name());
        if (!a.phase().equals(MigrationRecord.CONTRACTED)) {
            new Backfiller(c, settings, state, a.name()).run(a.id(), plan); // partitions attached since
            recheck(c, state, a.name(), plan);
            for (Step step : plan.beforeContract()) {
                executor.run(step);
            }
            List<Step.Ddl> contract = new ArrayList<>(plan.contract());
            contract.addAll(0, new AttachedLeaves(c, settings, a.name(), plan.syncKey()).guards(settings.schema(), plan.backfill()));
            // Recorded in the contract's own transaction: a kill leaves it either not run or known to have run.
            contract.add(state.setPhaseStep(a.id(), MigrationRecord.CONTRACTED));
            executor.runAtomically("contract: the old version's schema, triggers and columns go", contract);
        } else {
            settings.report(a.name(), "the contract has run; finishing the steps after it");
        }
        for (Step step : plan.afterContract()) {
            executor.run(step);
        }
        state.finish(a.id(), MigrationRecord.COMPLETE, settings.clock().instant());
        settings.report(a.name(), "complete");
        return a.name();
    }

    /**
     * Looks again at what stands on the columns the contract replaces or drops: an object made
     * since start (a view on the column, a foreign key pointing at it) would make the contract
     * fail, or be lost. It is named, and nothing changes.
     */
    private void recheck(Connection c, StateStore state, String name, Plan plan) throws SQLException {
        Set<String> ignored = versionSchemas(state);
        String madeSince = " found on the columns \"" + name + "\" replaces or drops, made after start read what"
                + " stands on them (by hand, or by a sql operation of the migration itself): make them after complete"
                + " instead, or drop them, complete, and make them again";
        try {
            List<String> added = DependentReader.standing(c, name, SchemaReader.read(c, settings.schema()),
                    new Planners.Reach(plan.swaps(), plan.drops()), ignored).stream()
                    .map(DependentReader.Found::description).filter(d -> !plan.carried().contains(d)).toList();
            if (!added.isEmpty()) {
                throw new MigrationStateException(settings.schema(), name, String.join(", ", added) + madeSince);
            }
        } catch (dev.tuesday.migrate.ValidationException e) {
            throw new MigrationStateException(settings.schema(), name, e.getMessage() + " (made since start)");
        }
    }

    /**
     * Completes every active migration, oldest first; refuses before any change when a version
     * schema they would drop is in use.
     *
     * @return the names completed, in order
     */
    public List<String> completeAll(Connection c, StateStore state) throws SQLException {
        int active = state.activeChain().size();
        if (active == 0) {
            throw new MigrationStateException(settings.schema(), null, "no active migration on schema \""
                    + settings.schema() + "\": nothing to complete");
        }
        refuseCompletingVersionsInUse(c, state, active, "complete --all");
        List<String> completed = new ArrayList<>();
        while (state.oldestActive().isPresent()) {
            completed.add(complete(c, state));
        }
        return completed;
    }

    /** Rolls the active migration back, the newest when several are. */
    public String rollback(Connection c, StateStore state) throws SQLException {
        MigrationRecord a = requireActive(state, "roll back");
        if (a.phase().equals(MigrationRecord.CONTRACTED)) {
            throw new MigrationStateException(settings.schema(), a.name(), "the contract of \"" + a.name()
                    + "\" has run and the old version's schema is gone: run complete to finish it");
        }
        VersionSessions.refuseWhileUsed(c, settings, a.name(), "rollback of \"" + a.name() + "\" would drop",
                Set.of(a.versionSchema()));
        undo(c, state, a.id(), PlanJson.read(a.planJson()), a.name(), null);
        return a.name();
    }

    /**
     * Rolls back {@code name}, which must be the newest active migration. When its last record
     * is already rolled back (a rollback killed after its end, run again) it does nothing, so a
     * script can run the same command again without undoing the step below it.
     *
     * @return whether this call rolled it back
     */
    public boolean rollback(Connection c, StateStore state, String name) throws SQLException {
        List<MigrationRecord> named = state.history().stream().filter(r -> r.name().equals(name)).toList();
        if (named.isEmpty()) {
            throw new MigrationStateException(settings.schema(), name, "no migration \"" + name + "\" on schema \""
                    + settings.schema() + "\": nothing to roll back");
        }
        MigrationRecord last = named.getLast();
        if (last.status().equals(MigrationRecord.ROLLED_BACK)) {
            return false;
        }
        if (!last.status().equals(MigrationRecord.ACTIVE)) {
            throw new MigrationStateException(settings.schema(), name, "\"" + name + "\" is " + last.status()
                    + ": only the newest active migration rolls back");
        }
        MigrationRecord newest = requireActive(state, "roll back");
        if (newest.id() != last.id()) {
            throw new MigrationStateException(settings.schema(), name, "\"" + name + "\" is active but not the newest"
                    + " in flight: roll back \"" + newest.name() + "\" first");
        }
        rollback(c, state);
        return true;
    }

    /**
     * Refuses, before anything changes, when {@code completes} completes in a row would drop a
     * version schema that sessions use: the first drops the version schema before the active
     * migration (or before the one it starts), the second the active one's.
     */
    public void refuseCompletingVersionsInUse(Connection c, StateStore state, int completes, String what)
            throws SQLException {
        List<String> chain = new ArrayList<>();
        state.latestComplete().ifPresent(r -> chain.add(r.versionSchema()));
        state.activeChain().forEach(r -> chain.add(r.versionSchema()));
        Set<String> dropped = Set.copyOf(chain.subList(0, Math.min(completes, chain.size())));
        VersionSessions.refuseWhileUsed(c, settings, what, what + " would drop", dropped);
    }

    /**
     * Applies the migrations not yet applied, in order, as a deploy does: the active one (which
     * must be one of them) is completed first, each pending one is started, and each but the last
     * is completed — the last too when {@code run.completeLast()}. Refuses before any change when
     * {@code run.expectOne()} and not exactly one is pending, or when the completes would drop a
     * version schema that sessions use.
     *
     * @return names of the migrations this call started or completed, in order
     */
    public List<String> migrate(Connection c, StateStore state, List<Migration> migrations, FolderRun run)
            throws SQLException {
        List<MigrationRecord> chain = state.activeChain();
        List<Migration> activeOnes = new ArrayList<>();
        List<Migration> pending = new ArrayList<>();
        for (Migration m : migrations) {
            Optional<MigrationRecord> record = state.applied(m.name());
            if (record.isEmpty()) {
                pending.add(m);
                continue;
            }
            sameFile(record.get(), m);
            if (record.get().status().equals(MigrationRecord.ACTIVE)) {
                activeOnes.add(m);
            }
        }
        for (MigrationRecord a : chain) {
            if (activeOnes.stream().noneMatch(m -> m.name().equals(a.name()))) {
                throw new MigrationStateException(settings.schema(), a.name(), "migration \"" + a.name()
                        + "\" is active on schema \"" + settings.schema() + "\" but has no file in the folder: complete or"
                        + " roll it back first, or add its file");
            }
        }
        if (run.expectOne() && pending.size() != 1) {
            throw new MigrationStateException(settings.schema(), null, "expected one pending migration, found "
                    + pending.size() + (pending.isEmpty() ? "" : ": " + String.join(", ", pending.stream()
                    .map(Migration::name).toList())) + "; nothing was changed");
        }
        boolean completeActive = !activeOnes.isEmpty() && (!pending.isEmpty() || run.completeLast());
        int completes = (completeActive ? activeOnes.size() : 0) + pending.size()
                - (pending.isEmpty() || run.completeLast() ? 0 : 1);
        refuseCompletingVersionsInUse(c, state, completes, "migrate");
        List<String> applied = new ArrayList<>();
        for (Migration a : activeOnes) {
            start(c, state, a); // resumes a start that did not finish
        }
        if (completeActive) {
            // Oldest first, as complete goes: the chain's order, which is the order they were started in.
            for (MigrationRecord a : chain) {
                complete(c, state);
                applied.add(a.name());
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            Migration m = pending.get(i);
            start(c, state, m);
            if (i < pending.size() - 1 || run.completeLast()) {
                complete(c, state);
            }
            applied.add(m.name());
        }
        return applied;
    }

    /**
     * Adopts a schema that grew without Tuesday: writes {@code dir/<name>.yaml}, whose one
     * {@code sql} operation is {@code schemaSql}, and records it as applied without running it —
     * an empty migration started and completed under its name and checksum, so its version schema
     * views every table as it is. Run again after a kill, it finishes what is left.
     *
     * @return the file
     */
    public Path baseline(Connection c, StateStore state, String name, Path dir, String schemaSql) throws SQLException {
        Path file = dir.resolve(name + ".yaml");
        String text = BaselineFile.text(settings.schema(), schemaSql);
        Migration m = MigrationFile.parse(text, file.getFileName().toString(), MigrationFile.Format.YAML);
        List<MigrationRecord> applied = state.history().stream()
                .filter(r -> !r.status().equals(MigrationRecord.ROLLED_BACK)).toList();
        boolean resumed = !applied.isEmpty() && applied.stream().allMatch(r -> r.name().equals(name)
                && m.checksum().equals(r.checksum()));
        if (!applied.isEmpty() && !resumed) {
            throw new MigrationStateException(settings.schema(), name, "schema \"" + settings.schema() + "\" already has a"
                    + " Tuesday history (" + applied.get(applied.size() - 1).name() + " is " + applied.get(applied.size() - 1).status()
                    + "): a baseline adopts a database Tuesday has not migrated; nothing was changed");
        }
        BaselineFile.write(file, text);
        if (resumed && applied.get(applied.size() - 1).status().equals(MigrationRecord.COMPLETE)) {
            return file;
        }
        Migration recorded = new Migration(m.name(), null, List.of(), m.checksum(), m.source(), m.text());
        start(c, state, recorded);
        complete(c, state);
        return file;
    }

    private void undo(Connection c, StateStore state, long id, Plan plan, String name, Exception cause)
            throws SQLException {
        settings.report(name, "rolling back");
        Executor executor = new Executor(c, settings, name);
        try {
            for (Step step : plan.rollback()) {
                executor.run(step);
            }
        } catch (MigrationException e) {
            if (cause == null) {
                throw e;
            }
            // Report what went wrong first; the failed undo leaves the migration active for a later rollback.
            cause.addSuppressed(e);
            settings.report(name, "could not undo the partial start (run rollback later): " + e.getMessage());
            return;
        }
        state.finish(id, MigrationRecord.ROLLED_BACK, settings.clock().instant());
        settings.report(name, "rolled back");
    }

    /** The version schemas of the history: their views are Tuesday's own, not the user's. */
    static java.util.Set<String> versionSchemas(StateStore state) throws SQLException {
        java.util.Set<String> names = new java.util.HashSet<>();
        state.history().forEach(r -> names.add(r.versionSchema()));
        return names;
    }

    private MigrationRecord requireActive(StateStore state, String verb) throws SQLException {
        return state.active().orElseThrow(() -> new MigrationStateException(settings.schema(), null,
                "no active migration on schema \"" + settings.schema() + "\": nothing to " + verb));
    }

    private void sameFile(MigrationRecord record, Migration m) {
        if (record.checksum() != null && m.checksum() != null && !record.checksum().equals(m.checksum())) {
            throw new MigrationStateException(settings.schema(), m.name(), m.source() + ": migration \"" + m.name()
                    + "\" has changed since it was started (checksum " + abbreviate(record.checksum()) + " then, "
                    + abbreviate(m.checksum()) + " now)");
        }
    }

    private static String abbreviate(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }

    private static void applicationName(Connection c, String command) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
            ps.setString(1, "tuesday migrate " + command + " (pid " + ProcessHandle.current().pid() + " on "
                    + hostName() + ")");
            ps.execute();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }
}
