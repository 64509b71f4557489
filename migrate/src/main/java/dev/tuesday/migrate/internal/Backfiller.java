package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.BackfillCount;
import dev.tuesday.migrate.StepFailedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The batched, resumable backfill. For each table it walks the key in order; a batch is one
 * transaction that updates every target column of the rows between the last key and the key
 * {@code batchSize} rows ahead with one set-based
 * {@code UPDATE … SET col = (up) WHERE key > last AND key <= next} and records {@code next} as the
 * stored progress, so a crash neither loses nor repeats a batch. The batches run in the server
 * ({@link BatchLoop}), a call of about {@link #CALL} at a time, with no round trip between them.
 * Unless their size is fixed, batches grow or shrink toward {@code backfillBatchTime} after each
 * call, and a call runs a few batches only until their size settles. With a {@code backfillDelay},
 * a call runs one batch and the migrator pauses after it.
 *
 * <p>The walk's session sets:
 * <ul>
 *   <li>{@code statement_timeout}: a call never runs away;</li>
 *   <li>{@code lock_timeout}: a batch never queues in front of the application;</li>
 *   <li>{@code synchronous_commit} off: a batch's commit does not wait for its WAL to reach the
 *       disk. A server crash may forget the last batches, their rows and their progress together,
 *       and the walk then does them again; the migration's next state change waits for all of it;</li>
 *   <li>{@code client_connection_check_interval}, where the server has it: the call of a killed
 *       migrator ends within it rather than at the end of the call;</li>
 *   <li>{@code tuesday.backfill}, which the sync update trigger's {@code WHEN} clause checks so it
 *       does not fire on the backfill's own updates: the UPDATE computes the new values itself.</li>
 * </ul>
 */
record Backfiller(Connection connection, Settings settings, StateStore state, String migration) {

    /** The most rows an adapting batch grows to. */
    static final int MAX_BATCH = 100_000;

    /** The fewest rows an adapting batch shrinks to, unless it started with fewer. */
    static final int MIN_BATCH = 100;

    /**
     * How long one call of the server's batch loop runs: long enough that the round trip between
     * calls costs nothing, short enough that the migrator reports, and notices a kill, promptly.
     */
    private static final Duration CALL = Duration.ofMillis(200);

    /** The most batches a call runs while their size still moves toward the batch time. */
    private static final int ADAPTING = 8;

    /** How often a call checks that its migrator is still connected, where the server can (PostgreSQL 14+). */
    private static final Duration CONNECTION_CHECK = Duration.ofMillis(20);

    /** How often a backfill reports its count. */
    private static final Duration TICK = Duration.ofSeconds(1);

    /**
     * Fills every target of {@code plan}'s backfill on every row, resuming from stored progress. A
     * partition that joined a table after start is not walked: only its rows written before it
     * joined are brought up to date (see {@link AttachedLeaves}), and what cannot be decided there
     * is refused before any row changes. Run again (start resumed, complete) it finds partitions
     * attached since.
     */
    public void run(long migrationId, Plan plan) throws SQLException {
        List<BackfillTarget> targets = plan.backfill();
        Map<String, List<BackfillTarget>> byTable = new LinkedHashMap<>();
        targets.forEach(t -> byTable.computeIfAbsent(t.table(), k -> new ArrayList<>()).add(t));
        AttachedLeaves attached = new AttachedLeaves(connection, settings, migration, plan.syncKey());
        List<String> walked = state.backfills(migrationId).stream().map(BackfillProgress::table).toList();
        List<Leaf> all = new ArrayList<>();
        for (Map.Entry<String, List<BackfillTarget>> e : byTable.entrySet()) {
            List<String[]> leaves = leaves(Sql.qualified(settings.schema(), e.getKey()));
            if (leaves.isEmpty()) {
                all.add(new Leaf(e.getKey(), Sql.qualified(settings.schema(), e.getKey()), null, e.getValue()));
            }
            for (String[] leaf : leaves) {
                // Each partition walks its own key; progress is kept per partition.
                String name = leaf[0].equals(settings.schema()) ? leaf[1] : leaf[0] + "." + leaf[1];
                String t = Sql.qualified(leaf[0], leaf[1]);
                String since = walked.contains(name) ? null : attached.joinedSince(settings.schema(), e.getKey(), t);
                all.add(new Leaf(name, t, since, e.getValue()));
            }
        }
        for (Leaf leaf : all) {
            if (leaf.joinedSince() != null) {
                attached.refuseUndecidable(leaf.name(), leaf.table(), leaf.joinedSince(), leaf.targets());
            }
        }
        for (Leaf leaf : all) {
            if (leaf.joinedSince() == null) {
                table(migrationId, leaf.name(), leaf.table(), leaf.targets());
            } else {
                catchUp(attached, leaf);
            }
        }
    }

    /** A table or partition the backfill fills; {@code joinedSince} as {@link AttachedLeaves#joinedSince}. */
    private record Leaf(String name, String table, String joinedSince, List<BackfillTarget> targets) {
    }

    private void catchUp(AttachedLeaves attached, Leaf leaf) throws SQLException {
        BackfillKey key = BackfillKey.of(connection, leaf.table());
        BatchWalk walk = key.isCtid() ? new CtidWalk(connection, leaf.table()) : new KeyWalk(leaf.table(), key);
        sessionSettings(true);
        try {
            long rows = attached.catchUp(leaf.name(), leaf.table(), leaf.joinedSince(), walk, leaf.targets());
            settings.report(migration, "backfill " + Sql.ident(leaf.name()) + " joined during the migration: "
                    + rows + " rows written before it joined brought up to date");
        } finally {
            sessionSettings(false);
        }
    }

    /**
     * The leaf partitions (schema, name) of {@code table} as they are now, so a partition created
     * since start was planned is walked too; empty when the table is not partitioned.
     */
    private List<String[]> leaves(String table) throws SQLException {
        List<String[]> leaves = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT n.nspname, c.relname FROM pg_partition_tree(?::regclass) t"
                + " JOIN pg_class c ON c.oid = t.relid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE t.isleaf AND t.level > 0 ORDER BY c.relname")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leaves.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return leaves;
    }

    private void table(long migrationId, String table, String t, List<BackfillTarget> targets) throws SQLException {
        BackfillKey key = BackfillKey.of(connection, t);
        register(migrationId, table, t);
        BackfillProgress progress = state.backfills(migrationId).stream().filter(p -> p.table().equals(table))
                .findFirst().orElseThrow();
        if (progress.done()) {
            return;
        }
        settings.report(migration, "backfill " + Sql.ident(table) + " walking "
                + (key.isCtid() ? "ctid" : Sql.identList(key.columns())) + (progress.batches() > 0
                        ? ", resuming after batch " + progress.batches() + " (" + progress.rows() + " rows)" : ""));
        String set = targets.stream().map(x -> Sql.ident(x.target()) + " = (" + x.expression() + ")")
                .collect(Collectors.joining(", "));
        BatchWalk walk = key.isCtid() ? new CtidWalk(connection, t) : new KeyWalk(t, key);
        sessionSettings(true);
        try {
            walk(migrationId, table, t, set, walk, progress);
        } finally {
            sessionSettings(false);
        }
    }

    /**
     * The backfill's session settings: set for the whole walk rather than per batch, to save a
     * round trip per batch. The connection does nothing else meanwhile, and a crash ends the
     * session with them.
     */
    private void sessionSettings(boolean on) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (on) {
                s.execute("SELECT set_config('statement_timeout', '" + settings.backfillStatementTimeout().toMillis()
                        + "ms', false), set_config('lock_timeout', '" + settings.lockTimeout().toMillis()
                        + "ms', false), set_config('synchronous_commit', 'off', false), set_config('"
                        + SyncTriggers.BACKFILL_SETTING + "', 'on', false)");
                s.execute("SELECT set_config(name, '" + CONNECTION_CHECK.toMillis() + "ms', false) FROM pg_settings"
                        + " WHERE name = 'client_connection_check_interval'");
            } else {
                s.execute("RESET statement_timeout; RESET lock_timeout; RESET synchronous_commit; RESET "
                        + SyncTriggers.BACKFILL_SETTING);
                s.execute("SELECT set_config(name, reset_val, false) FROM pg_settings"
                        + " WHERE name = 'client_connection_check_interval'");
            }
        }
    }

    private void walk(long migrationId, String table, String t, String set, BatchWalk walk, BackfillProgress progress)
            throws SQLException {
        BatchLoop loop = new BatchLoop(t, table, set, walk, state.stateSchema(), migrationId);
        // A call stays well within the statement timeout, which counts from its start.
        Duration half = settings.backfillStatementTimeout().dividedBy(2);
        Duration call = !settings.backfillDelay().isZero() ? Duration.ZERO : CALL.compareTo(half) < 0 ? CALL : half;
        int size = settings.backfillBatchSize();
        boolean settled = settings.backfillBatchTime().isZero();
        List<Double> batchMillis = new ArrayList<>();
        Instant walking = settings.clock().instant();
        Instant ticked = walking;
        long rowsBefore = progress.rows();
        while (true) {
            List<Double> took = call(table, loop.call(size, call, settled ? Integer.MAX_VALUE : ADAPTING));
            batchMillis.addAll(took);
            BackfillProgress now = state.backfills(migrationId).stream().filter(p -> p.table().equals(table))
                    .findFirst().orElseThrow();
            if (now.done()) {
                settings.report(migration, "backfill " + Sql.ident(table) + " done: " + now.rows() + " rows in "
                        + now.batches() + " batches; batch time median " + percentile(batchMillis, 50) + " ms, p99 "
                        + percentile(batchMillis, 99) + " ms, longest batch " + percentile(batchMillis, 100) + " ms");
                return;
            }
            if (!Duration.between(ticked, settings.clock().instant()).minus(TICK).isNegative()) {
                ticked = settings.clock().instant();
                long millis = Math.max(1, Duration.between(walking, ticked).toMillis());
                settings.report(migration, new BackfillCount(table, now.rows(), progress.estimatedRows(),
                        (now.rows() - rowsBefore) * 1000.0 / millis));
            }
            if (!settings.backfillDelay().isZero()) {
                sleep(settings.backfillDelay());
            }
            if (!took.isEmpty()) {
                double mean = took.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                int next = nextSize(size, Duration.ofNanos((long) (mean * 1_000_000)), settings.backfillBatchTime(),
                        Math.min(settings.backfillBatchSize(), MIN_BATCH));
                settled = Math.abs(next - size) <= size / 4;
                size = next;
            }
        }
    }

    /**
     * Runs one call of the batch loop, again after a lock timeout (the batches it committed
     * before are kept, and the next call resumes after them); returns the time of each batch it
     * ran, in milliseconds.
     */
    private List<Double> call(String table, String sql) throws SQLException {
        try {
            return LockRetry.run(settings, migration, "backfill of " + Sql.ident(table), () -> {
                try (Statement s = connection.createStatement()) {
                    s.execute(sql);
                    try (ResultSet rs = s.executeQuery("SELECT current_setting('" + BatchLoop.BATCH_MILLIS + "')")) {
                        rs.next();
                        return Arrays.stream(rs.getString(1).trim().split(" ")).filter(m -> !m.isEmpty())
                                .map(Double::valueOf).toList();
                    }
                }
            });
        } catch (SQLException e) {
            String hint = "57014".equals(e.getSQLState()) ? " (a batch exceeded the statement timeout of "
                    + settings.backfillStatementTimeout().toMillis() + " ms; lower --backfill-batch-size or --backfill-batch-time)" : "";
            throw new StepFailedException(migration, "backfill of " + Sql.ident(table), e.getSQLState(),
                    Executor.firstLine(e) + hint, e);
        }
    }

    /**
     * The size of a batch after one of {@code size} rows took {@code took}: the same when the
     * size is fixed ({@code target} zero), else as many rows as {@code target} allows at the last
     * batch's pace, at most twice or half as many as before, and between {@code floor} and
     * {@link #MAX_BATCH} rows, so that one batch slowed by a lock wait or a busy moment does not
     * leave the walk crawling a row at a time.
     */
    static int nextSize(int size, Duration took, Duration target, int floor) {
        if (target.isZero()) {
            return size;
        }
        double scaled = size * (double) target.toNanos() / Math.max(took.toNanos(), 1);
        double bounded = Math.max(size / 2.0, Math.min(size * 2.0, scaled));
        return (int) Math.max(floor, Math.min(MAX_BATCH, bounded));
    }

    private void register(long migrationId, String table, String t) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + state.stateSchema()
                + ".backfills (migration_id, table_name, estimated_rows, updated_at)"
                + " SELECT ?, ?, greatest(reltuples, 0)::bigint, now() FROM pg_class WHERE oid = ?::regclass"
                + " ON CONFLICT DO NOTHING")) {
            ps.setLong(1, migrationId);
            ps.setString(2, table);
            ps.setString(3, t);
            ps.executeUpdate();
        }
    }

    private static long percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the backfill", e);
        }
    }
}
