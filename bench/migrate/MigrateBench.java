import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.migrate.MigrationEvent;
import dev.tuesday.migrate.Migrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The three figures of the migrate engine, measured side by side in one run on a throw-away
 * PostgreSQL (bundled version):
 *
 * <ol>
 *   <li>backfill of a column over N rows (id bigint key, name, email) against one plain UPDATE of
 *       the same column on an identical table: rows/s of each, their ratio, the longest batch; with
 *       the two bounds a backfill that keeps the versions in sync meets: the same UPDATE under an
 *       idle BEFORE UPDATE trigger, and 1000-row batches committed with their progress by a
 *       procedure, with no round trip ({@code procedure-walk.sql});</li>
 *   <li>single-row inserts and updates per second through the old version while the sync triggers
 *       are active, against the same table with no migration, in alternating rounds;</li>
 *   <li>p50/p99 of a steady stream of single-row reads and writes, before and during start with
 *       its backfill, once unthrottled and once with a 5 ms pause after each batch.</li>
 * </ol>
 *
 * Arguments: rows (default 1000000), batch size (default auto: sized to the batch time), write operations per round
 * (default 2000), rounds (default 3).
 */
public final class MigrateBench {

    /** The running example's rename (a path from the repository's root, where run.sh and profile.sh run). */
    private static final Path ADD_FULL_NAME = Path.of("bench/migrate/02_full_name.yaml");

    /** 1000-row batches committed with their progress by a procedure, with no round trip. */
    private static final Path PROCEDURE_WALK = Path.of("bench/migrate/procedure-walk.sql");

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        // "auto": batches start at 1000 rows and follow the migrator's batch time; a number fixes their size.
        int batch = args.length > 1 && !args[1].equals("auto") ? Integer.parseInt(args[1]) : 0;
        int ops = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        try (PostgresServer pg = PostgresServer.temporary(0)) {
            System.out.printf("PostgreSQL bundled, %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            backfill(pg, rows, batch, rounds);
            writeCost(pg, ops, rounds);
            latency(pg, rows, batch);
        }
    }

    // 1. Backfill against a plain UPDATE, in rounds that turn which goes first. Two more sides bound
    //    any backfill that writes while a sync trigger is in place: the same plain UPDATE on a table
    //    with a BEFORE UPDATE row trigger whose WHEN clause is the sync trigger's and skips it, as in
    //    the backfill (the floor of one statement), and that table walked by a procedure in 1000-row
    //    batches, each committed with its progress (the floor of a resumable walk).
    private static void backfill(PostgresServer pg, int rows, int batch, int rounds) throws Exception {
        int sides = 4; // plain, idle trigger, tuesday, procedure walk
        double[][] rate = new double[sides][rounds];
        double[][] cpuPerRow = new double[sides][rounds];
        long longestBatch = 0;
        String batchTimes = "";
        for (int r = 0; r < rounds; r++) {
            for (int turn = 0; turn < sides; turn++) {
                int side = (turn + r) % sides;
                DataSource db = pg.createDatabase("backfill" + r + side, "bench");
                fill(db, rows);
                if (side != 2) {
                    exec(db, "ALTER TABLE users ADD COLUMN full_name text");
                    if (side != 0) {
                        exec(db, "CREATE FUNCTION idle() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
                                "CREATE TRIGGER idle BEFORE UPDATE ON users FOR EACH ROW"
                                        + " WHEN (current_setting('tuesday.backfill', true) IS DISTINCT FROM 'on')"
                                        + " EXECUTE FUNCTION idle()");
                    }
                    if (side == 3) {
                        exec(db, Files.readString(PROCEDURE_WALK));
                    }
                    long[] updated = update(db, "SELECT set_config('tuesday.backfill', 'on', false)",
                            side == 3 ? "CALL walk(1000)" : "UPDATE users SET full_name = name");
                    long filled = side == 3 ? Long.parseLong(value(db, "SELECT rows FROM progress")) : updated[0];
                    rate[side][r] = filled / (updated[1] / 1e9);
                    cpuPerRow[side][r] = updated[2] / (double) filled;
                } else {
                    List<MigrationEvent> events = new CopyOnWriteArrayList<>();
                    Migrator m = sized(Migrator.configure().dataSource(db), batch).listener(events::add).build();
                    long cpu0 = cpuTicks(pg);
                    m.start(ADD_FULL_NAME);
                    // The whole start, its DDL too: an upper bound of the backfill's CPU. The
                    // migrator's backends have exited; their ticks count once the server reaps them.
                    Thread.sleep(200);
                    cpuPerRow[side][r] = (cpuTicks(pg) - cpu0) / (double) rows;
                    MigrationEvent begin = events.stream().filter(e -> e.message().contains(" walking ")).findFirst().orElseThrow();
                    MigrationEvent end = events.stream().filter(e -> e.message().contains(" done: ")).findFirst().orElseThrow();
                    Matcher longest = Pattern.compile("longest batch (\\d+) ms").matcher(end.message());
                    longest.find();
                    longestBatch = Math.max(longestBatch, Long.parseLong(longest.group(1)));
                    Matcher times = Pattern.compile("batch time (median \\d+ ms, p99 \\d+ ms)").matcher(end.message());
                    batchTimes += times.find() ? " [round " + (r + 1) + ": " + times.group(1) + "]" : "";
                    long filled = Long.parseLong(value(db, "SELECT count(*) FROM users WHERE full_name = name"));
                    if (filled != rows) {
                        throw new IllegalStateException("backfill filled " + filled + " rows of " + rows);
                    }
                    rate[side][r] = filled / ((end.time().toEpochMilli() - begin.time().toEpochMilli()) / 1e3);
                }
                exec(pg.dataSource("postgres", PostgresServer.SUPERUSER), "DROP DATABASE backfill" + r + side);
            }
            System.out.printf("   round %d: plain UPDATE %.0f rows/s, with an idle trigger %.0f, tuesday backfill %.0f,"
                    + " procedure walk %.0f; tuesday/plain %.2f, tuesday/procedure %.2f%n", r + 1, rate[0][r], rate[1][r],
                    rate[2][r], rate[3][r], rate[2][r] / rate[0][r], rate[2][r] / rate[3][r]);
        }
        double plain = median(rate[0]);
        System.out.printf("%n1. backfill of %d rows (batch %s) vs one plain UPDATE, median of %d rounds%n", rows,
                batch == 0 ? "sized to the batch time" : Integer.toString(batch), rounds);
        System.out.printf("   plain UPDATE                         %10.0f rows/s%n", plain);
        System.out.printf("   plain UPDATE, idle BEFORE UPDATE trigger %6.0f rows/s (%.2f of plain: the floor while a"
                + " sync trigger is in place)%n", median(rate[1]), median(rate[1]) / plain);
        System.out.printf("   procedure walk, 1000-row batches     %10.0f rows/s (%.2f of plain: the ceiling of a walk that"
                + " commits each batch with its progress)%n", median(rate[3]), median(rate[3]) / plain);
        System.out.printf("   tuesday backfill                     %10.0f rows/s, longest batch %d ms; batch time%s%n",
                median(rate[2]), longestBatch, batchTimes);
        System.out.printf("   ratio backfill/plain %.2f (aim >= 0.85), backfill/idle-trigger floor %.2f, backfill/procedure walk"
                + " %.2f, longest batch %d ms (aim <= 50)%n", median(rate[2]) / plain, median(rate[2]) / median(rate[1]),
                median(rate[2]) / median(rate[3]), longestBatch);
        // Each round's sides ran back to back: the median of the rounds' ratios is steadier on a shared machine.
        System.out.printf("   median of the rounds' ratios: backfill/plain %.2f, idle trigger/plain %.2f, procedure walk/plain"
                + " %.2f, backfill/procedure walk %.2f%n", medianRatio(rate[2], rate[0]), medianRatio(rate[1], rate[0]),
                medianRatio(rate[3], rate[0]), medianRatio(rate[2], rate[3]));
        // CPU time does not count the time spent waiting for a core: on a shared machine it is the steadier figure.
        double[] perMillion = Arrays.stream(cpuPerRow).mapToDouble(c -> median(c) * 1e6 / TICKS_PER_SECOND).toArray();
        System.out.printf("   server CPU seconds per million rows: plain %.2f, idle trigger %.2f, procedure walk %.2f (the"
                + " statement's backend), tuesday %.2f (every server process during start); by CPU, backfill/plain %.2f%n",
                perMillion[0], perMillion[1], perMillion[3], perMillion[2], perMillion[0] / perMillion[2]);
    }

    private static double medianRatio(double[] a, double[] b) {
        double[] ratios = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            ratios[i] = a[i] / b[i];
        }
        return median(ratios);
    }

    private static void writeCost(PostgresServer pg, int ops, int rounds) throws Exception {
        DataSource base = pg.createDatabase("nomigration", "bench");
        DataSource mig = pg.createDatabase("migrating", "bench");
        fill(base, 100_000);
        fill(mig, 100_000);
        Migrator.configure().dataSource(mig).build()
                .start(ADD_FULL_NAME);
        exec(base, "VACUUM ANALYZE users");
        exec(mig, "VACUUM ANALYZE users");
        double[] insertBase = new double[rounds], insertMig = new double[rounds];
        double[] updateBase = new double[rounds], updateMig = new double[rounds];
        writes(base, ops / 4, true);
        writes(mig, ops / 4, true);
        for (int r = 0; r < rounds; r++) {
            insertBase[r] = writes(base, ops, true);
            insertMig[r] = writes(mig, ops, true);
            updateBase[r] = writes(base, ops, false);
            updateMig[r] = writes(mig, ops, false);
        }
        String check = value(mig, "SELECT count(*) FROM users WHERE full_name IS DISTINCT FROM name");
        System.out.printf("%n2. writes through the old version, %d single-row statements per round, %d rounds (median)%n", ops, rounds);
        System.out.printf("   inserts/s  no migration %8.0f   sync triggers %8.0f   slowdown %.2fx%n",
                median(insertBase), median(insertMig), median(insertBase) / median(insertMig));
        System.out.printf("   updates/s  no migration %8.0f   sync triggers %8.0f   slowdown %.2fx%n",
                median(updateBase), median(updateMig), median(updateBase) / median(updateMig));
        System.out.printf("   rows where the new column disagrees with the old: %s%n", check);

        // The same statements run inside the server (one DO loop each): no network, no client
        // scheduling, so the trigger's own cost stands out on a busy machine.
        int loop = ops * 5;
        double[] sInsertBase = new double[rounds], sInsertMig = new double[rounds];
        double[] sUpdateBase = new double[rounds], sUpdateMig = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            sInsertBase[r] = serverLoop(base, loop, true);
            sInsertMig[r] = serverLoop(mig, loop, true);
            sUpdateBase[r] = serverLoop(base, loop, false);
            sUpdateMig[r] = serverLoop(mig, loop, false);
        }
        System.out.printf("   in-server loop of %d statements, %d rounds (median):%n", loop, rounds);
        System.out.printf("   inserts/s  no migration %8.0f   sync triggers %8.0f   slowdown %.2fx (aim <= 1.50)%n",
                median(sInsertBase), median(sInsertMig), median(sInsertBase) / median(sInsertMig));
        System.out.printf("   updates/s  no migration %8.0f   sync triggers %8.0f   slowdown %.2fx%n",
                median(sUpdateBase), median(sUpdateMig), median(sUpdateBase) / median(sUpdateMig));
    }

    private static double serverLoop(DataSource ds, int n, boolean insert) throws SQLException {
        String body = insert ? "INSERT INTO users (name, email) VALUES ('n' || i, 'e' || i)"
                : "UPDATE users SET name = 'u' || i, email = 'e' || i WHERE id = 1 + (i * 7919) % 100000";
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ DECLARE t0 timestamptz := clock_timestamp(); BEGIN FOR i IN 1.." + n + " LOOP " + body
                    + "; END LOOP; RAISE NOTICE '%', extract(epoch FROM clock_timestamp() - t0); END $$");
            String seconds = s.getWarnings().getMessage();
            return n / Double.parseDouble(seconds.trim());
        }
    }

    private static double writes(DataSource ds, int ops, boolean insert) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(insert ? "INSERT INTO users (name, email) VALUES (?, ?)"
                        : "UPDATE users SET name = ?, email = ? WHERE id = ?")) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long t0 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                ps.setString(1, "name " + i);
                ps.setString(2, "mail" + i + "@example.com");
                if (!insert) {
                    ps.setLong(3, 1 + random.nextInt(100_000));
                }
                ps.executeUpdate();
            }
            return ops / ((System.nanoTime() - t0) / 1e9);
        }
    }

    // 3. Latency of a steady stream before and during start + backfill.
    private static Migrator.Builder sized(Migrator.Builder builder, int batch) {
        return batch == 0 ? builder : builder.backfillBatchSize(batch);
    }

    // Once as the migrator runs by default, once throttled: a pause after each batch as long as the
    // batch time, which leaves the application about half of the backend the backfill runs on.
    private static void latency(PostgresServer pg, int rows, int batch) throws Exception {
        int perSecond = 200;
        System.out.printf("%n3. steady stream of single-row reads and writes (%d/s, alternating) on a %d-row table%n", perSecond, rows);
        for (Duration delay : List.of(Duration.ZERO, Duration.ofMillis(5))) {
            DataSource ds = pg.createDatabase("latency" + delay.toMillis(), "bench");
            // The server logs the stream's statements that take over 2 ms and every lock wait over 1 ms.
            exec(pg.dataSource("postgres", PostgresServer.SUPERUSER), "ALTER DATABASE latency" + delay.toMillis()
                    + " SET log_min_duration_statement = '2ms'", "ALTER DATABASE latency" + delay.toMillis()
                    + " SET log_lock_waits = on", "ALTER DATABASE latency" + delay.toMillis() + " SET deadlock_timeout = '1ms'");
            fill(ds, rows);
            long[] before = stream(ds, rows, perSecond, 5_000_000_000L, null, null);
            List<MigrationEvent> events = new CopyOnWriteArrayList<>();
            Migrator m = sized(Migrator.configure().dataSource(ds), batch).backfillDelay(delay).listener(events::add).build();
            long gc0 = collectorMillis();
            Path serverLog = pg.dataDir().resolve("server.log");
            int logFrom = Files.readAllLines(serverLog).size();
            AtomicBoolean running = new AtomicBoolean(true);
            long t0 = System.nanoTime();
            Thread starter = Thread.ofPlatform().start(() -> {
                m.start(ADD_FULL_NAME);
                running.set(false);
            });
            long[] at = new long[1_000_000];
            long[] during = stream(ds, rows, perSecond, Long.MAX_VALUE, running, at);
            starter.join();
            long gc = collectorMillis() - gc0;
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("   backfill delay %d ms: start+backfill took %.1f s (%.0f rows/s)%n", delay.toMillis(), seconds,
                    rows / seconds);
            System.out.printf("     before start          p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms  (%d requests)%n",
                    pct(before, 50), pct(before, 99), pct(before, 100), before.length);
            System.out.printf("     during start+backfill p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms  (%d requests)%n",
                    pct(during, 50), pct(during, 99), pct(during, 100), during.length);
            System.out.printf("     p99 during / before %.2fx (aim <= 1.50)%n", pct(during, 99) / pct(before, 99));
            slowest(during, at, events, gc);
            List<String> log = Files.readAllLines(serverLog);
            List<String> logged = log.subList(Math.min(logFrom, log.size()), log.size());
            System.out.printf("     in the server: %d of the stream's statements took over 2 ms, %d lock waits over 1 ms"
                    + " (a write to a row the running batch holds); a slow request's other time is spent outside"
                    + " its statement's execution (scheduling, on a machine the backfill keeps busy)%n", logged.stream().filter(l -> l.contains("duration:")
                    && l.contains("WHERE id = $")).count(), logged.stream().filter(l -> l.contains("still waiting")).count());
        }
    }

    /**
     * Where the slowest requests during start + backfill fell: what the migrator had last reported
     * when each was due (a DDL step, or the backfill's batches), and this JVM's collector time, which
     * the stream shares with the migrator.
     */
    private static void slowest(long[] latencies, long[] at, List<MigrationEvent> events, long collectorMillis) {
        Integer[] order = new Integer[latencies.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(latencies[b], latencies[a]));
        long first = at[0];
        System.out.printf("     slowest requests (ms after the first, kind, latency, the migrator's last word then); collector %d ms%n",
                collectorMillis);
        for (int k = 0; k < Math.min(8, order.length); k++) {
            int i = order[k];
            String doing = "before its first event";
            for (MigrationEvent e : events) {
                if (e.time().toEpochMilli() <= at[i]) {
                    doing = e.message().length() > 70 ? e.message().substring(0, 70) + "…" : e.message();
                }
            }
            System.out.printf("       +%5d ms  %-5s %6.2f ms  %s%n", at[i] - first, i % 2 == 0 ? "read" : "write",
                    latencies[i] / 1e6, doing);
        }
    }

    private static long collectorMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /**
     * Requests at a fixed rate; latency counts from the scheduled time, so a stall is not hidden.
     * {@code at}, when given, gets the wall-clock millisecond each request was due.
     */
    private static long[] stream(DataSource ds, int rows, int perSecond, long nanos, AtomicBoolean running, long[] at)
            throws Exception {
        long interval = 1_000_000_000L / perSecond;
        long[] latencies = new long[1_000_000];
        int n = 0;
        long wallOffset = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
        try (Connection c = ds.getConnection();
                PreparedStatement read = c.prepareStatement("SELECT name, email FROM users WHERE id = ?");
                PreparedStatement write = c.prepareStatement("UPDATE users SET email = ? WHERE id = ?")) {
            long start = System.nanoTime();
            for (long next = start; (running == null ? System.nanoTime() - start < nanos : running.get())
                    && n < latencies.length; next += interval) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long id = 1 + ThreadLocalRandom.current().nextInt(rows);
                if (n % 2 == 0) {
                    read.setLong(1, id);
                    try (ResultSet rs = read.executeQuery()) {
                        rs.next();
                    }
                } else {
                    write.setString(1, "m" + n + "@example.com");
                    write.setLong(2, id);
                    write.executeUpdate();
                }
                if (at != null) {
                    at[n] = wallOffset + next / 1_000_000; // when it was due, on the events' clock
                }
                latencies[n++] = System.nanoTime() - next;
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * CPU clock ticks used so far by the server: the postmaster, its live children and the ones it
     * reaped. The client's side (this JVM) is left out: its JIT and collector would blur it.
     */
    private static long cpuTicks(PostgresServer pg) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(pg.dataDir().resolve("postmaster.pid")).get(0).trim());
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] f;
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                } catch (IOException gone) {
                    continue;
                }
                long pid = Long.parseLong(name);
                long ppid = Long.parseLong(f[1]);
                if (pid == postmaster || ppid == postmaster) {
                    // Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 after the name.
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    if (pid == postmaster) {
                        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    }
                }
            }
        }
        return ticks;
    }

    private static void fill(DataSource ds, int rows) throws SQLException {
        exec(ds, "CREATE TABLE users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text, email text)",
                "INSERT INTO users (name, email) SELECT 'name ' || g, 'mail' || g || '@example.com'"
                        + " FROM generate_series(1, " + rows + ") g",
                "SELECT setval(pg_get_serial_sequence('users', 'id'), " + rows + ")",
                "VACUUM ANALYZE users",
                // No background vacuum during the measurements: both sides get the same machine.
                "ALTER TABLE users SET (autovacuum_enabled = false)");
    }

    private static void exec(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /**
     * Runs {@code sql} after {@code setting}: the rows it updated, its wall nanoseconds and the CPU
     * ticks of its backend, read while the backend lives (once it exits, its ticks move to the
     * server's children total only when the server has reaped it).
     */
    private static long[] update(DataSource ds, String setting, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(setting);
            long pid;
            try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            long cpu0 = ticks(pid);
            long t0 = System.nanoTime();
            long rows = s.executeUpdate(sql);
            return new long[] {rows, System.nanoTime() - t0, ticks(pid) - cpu0};
        }
    }

    /** utime + stime of process {@code pid}, in clock ticks. */
    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String value(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double pct(long[] nanos, double percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
