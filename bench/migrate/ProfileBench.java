import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.migrate.Migrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Where the time goes behind the two migrate figures that miss their aims (bench/migrate/run.sh),
 * profiled with perf on a throw-away PostgreSQL (bundled version):
 *
 * <ol>
 *   <li>what a BEFORE UPDATE row trigger costs an UPDATE of every row even when its {@code WHEN}
 *       clause never lets it fire, as the sync trigger's clause does for the backfill: wall time
 *       and the backend's CPU of one plain UPDATE of N rows with no trigger, with
 *       {@code WHEN (false)} and with the sync trigger's clause, then of the backfill's batches
 *       run by a procedure with no round trips (the best a batched walk can do), and perf's
 *       share of the backend's time in the executor's trigger step and in the row lock it takes
 *       first;</li>
 *   <li>where a steady stream's slow requests during start + backfill spend their time: the
 *       stream is pgbench (a separate process, as an application is), 200 requests/s; perf sched
 *       records every CPU while the migrator runs. The time of each request over 1 ms is split
 *       into pgbench or its backend waiting for a CPU, either of them on one, and neither; for the
 *       waits, what held their CPU and how much of it the other CPU was idle. The server's log
 *       says how many of the stream's statements took over 1 ms to execute or waited for a
 *       lock.</li>
 * </ol>
 *
 * Needs perf (Debian's linux-perf) allowed to profile other processes (root, or
 * kernel.perf_event_paranoid at most 1) and pgbench (postgresql-client). Arguments: rows (default
 * 1000000).
 */
public final class ProfileBench {

    /** The running example's rename (a path from the repository's root, where run.sh and profile.sh run). */
    private static final Path ADD_FULL_NAME = Path.of("bench/migrate/02_full_name.yaml");

    /** What each process watched in part 2 does (pgbench, its backend, the server's processes), by pid. */
    private static final Map<Long, String> ROLES = new ConcurrentHashMap<>();

    /** perf's recordings and pgbench's scripts and logs: a new folder only this user can open. */
    private static final Path WORK = workFolder();

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (PostgresServer pg = PostgresServer.temporary(0)) {
            System.out.printf("PostgreSQL bundled, %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            triggerCost(pg, rows);
            slowRequests(pg, rows);
        } finally {
            try (var walk = Files.walk(WORK)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path workFolder() {
        try {
            return Files.createTempDirectory("tuesday-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One way of filling the new column of every row: what it sets up first, then the statement timed. */
    private record Side(String name, List<String> setup, String statement) {
    }

    /** A BEFORE UPDATE row trigger whose WHEN clause is {@code when}, on users; it never fires here. */
    private static List<String> trigger(String when) {
        return List.of("CREATE FUNCTION idle() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
                "CREATE TRIGGER idle BEFORE UPDATE ON users FOR EACH ROW WHEN (" + when + ") EXECUTE FUNCTION idle()");
    }

    /** The backfill's batches run by a procedure with no round trip: what no client-driven walk can beat. */
    private static final Path PROCEDURE_WALK = Path.of("bench/migrate/procedure-walk.sql");

    // 1. Filling a column of every row, without and with a BEFORE UPDATE row trigger that never
    //    fires: timed in three rounds that turn which side goes first, then once each under perf.
    private static void triggerCost(PostgresServer pg, int rows) throws Exception {
        String sync = "current_setting('tuesday.backfill', true) IS DISTINCT FROM 'on'";
        List<Side> sides = List.of(new Side("no trigger", List.of(), "UPDATE users SET full_name = name"),
                new Side("trigger WHEN (false)", trigger("false"), "UPDATE users SET full_name = name"),
                new Side("trigger WHEN as the sync trigger's", trigger(sync), "UPDATE users SET full_name = name"),
                new Side("the same, batches in the server", Stream.concat(trigger(sync).stream(),
                        Stream.of(procedureWalk())).toList(), "CALL walk(1000)"));
        int rounds = 3;
        double[][] wall = new double[sides.size()][rounds], cpu = new double[sides.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int turn = 0; turn < sides.size(); turn++) {
                int side = (turn + r) % sides.size();
                double[] timed = update(pg, "update" + r + side, rows, sides.get(side), null);
                wall[side][r] = timed[0];
                cpu[side][r] = timed[1];
            }
        }
        System.out.printf("%n1. filling a column of %d rows; a BEFORE UPDATE row trigger whose WHEN clause never lets it fire"
                + " (median of %d rounds)%n", rows, rounds);
        System.out.printf("   %-36s %7s %10s %8s   %s%n", "", "wall s", "backend s", "vs none",
                "perf, share of the backend's time in: the trigger step / the row lock it takes / index inserts");
        for (int side = 0; side < sides.size(); side++) {
            Path data = WORK.resolve("update" + side + ".data");
            update(pg, "profiled" + side, rows, sides.get(side), data);
            Map<String, Double> shares = children(data);
            System.out.printf("   %-36s %7.2f %10.2f %7.2fx   %5.1f%% / %5.1f%% / %5.1f%%%n", sides.get(side).name(),
                    median(wall[side]), median(cpu[side]), median(wall[side]) / median(wall[0]),
                    shares.getOrDefault("ExecBRUpdateTriggers", 0.0), shares.getOrDefault("heap_lock_tuple", 0.0),
                    shares.getOrDefault("ExecInsertIndexTuples", 0.0));
        }
        System.out.printf("   Before it evaluates a row trigger's WHEN clause, PostgreSQL locks the row (ExecBRUpdateTriggers"
                + " calls GetTupleForTrigger, which calls heap_lock_tuple), so a backfill that writes while a sync trigger"
                + " is in place pays that on every row: at best %.2f of a plain UPDATE in one statement, %.2f in batches"
                + " with their progress and no round trips.%n", median(wall[0]) / median(wall[2]), median(wall[0]) / median(wall[3]));
    }

    /**
     * Fills a new database, sets {@code side} up, then times its statement (wall seconds, the
     * backend's CPU seconds); with {@code perf}, under perf record.
     */
    private static double[] update(PostgresServer pg, String database, int rows, Side side, Path perf) throws Exception {
        DataSource db = pg.createDatabase(database, "bench");
        fill(db, rows);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users ADD COLUMN full_name text");
            for (String sql : side.setup()) {
                s.execute(sql);
            }
            s.execute("SELECT set_config('tuesday.backfill', 'on', false)");
            long pid = Long.parseLong(value(s, "SELECT pg_backend_pid()"));
            Process recorder = perf == null ? null : start(List.of("perf", "record", "-q", "-e", "cpu-clock", "-F", "499",
                    "--call-graph", "dwarf,16384", "-p", Long.toString(pid), "-o", perf.toString()));
            if (recorder != null) {
                Thread.sleep(500); // perf attaches
            }
            double cpu0 = cpuSeconds(pid);
            long t0 = System.nanoTime();
            s.execute(side.statement());
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = cpuSeconds(pid) - cpu0;
            if (recorder != null) {
                stop(recorder);
            }
            if (!value(s, "SELECT count(*) FROM users WHERE full_name = name").equals(Integer.toString(rows))) {
                throw new IllegalStateException(side.name() + " did not fill every row");
            }
            return new double[] {wall, cpu};
        } finally {
            dropDatabase(pg, database);
        }
    }

    /** perf report's inclusive share of each function, in % of the recorded samples. */
    private static Map<String, Double> children(Path data) throws Exception {
        Map<String, Double> shares = new HashMap<>();
        Pattern line = Pattern.compile("^\\s*([0-9.]+)%\\s+[0-9.]+%\\s+\\[[.k]]\\s+(\\S+)");
        for (String l : output(List.of("perf", "report", "-i", data.toString(), "--children", "--stdio", "--sort", "symbol",
                "-g", "none"))) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                shares.merge(m.group(2), Double.parseDouble(m.group(1)), Math::max);
            }
        }
        return shares;
    }

    // 2. A steady stream from pgbench before and during start + backfill, and perf sched meanwhile.
    private static void slowRequests(PostgresServer pg, int rows) throws Exception {
        DataSource db = pg.createDatabase("stream", "bench");
        fill(db, rows);
        // The server logs the stream's statements that take over 1 ms, and lock waits over 1 ms.
        try (Connection c = pg.dataSource("postgres", PostgresServer.SUPERUSER).getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE stream SET log_min_duration_statement = '1ms'");
            s.execute("ALTER DATABASE stream SET log_lock_waits = on");
            s.execute("ALTER DATABASE stream SET deadlock_timeout = '1ms'");
        }
        Files.writeString(WORK.resolve("read.sql"), "\\set id random(1, " + rows + ")\nSELECT name, email FROM users WHERE id = :id;\n");
        Files.writeString(WORK.resolve("write.sql"), "\\set id random(1, " + rows + ")\n"
                + "UPDATE users SET email = 'm' || :id || '@example.org' WHERE id = :id;\n");
        System.out.printf("%n2. pgbench, 200 requests/s (reads and writes of single rows), on a %d-row table; perf sched during"
                + " start + backfill%n", rows);
        List<Request> before = stream(pg, "before", 5, null);
        Path serverLog = pg.dataDir().resolve("server.log");
        int logFrom = Files.readAllLines(serverLog).size();
        Path sched = WORK.resolve("sched.data");
        double[] window = new double[2];
        long[] stream = new long[2];
        // pgbench writes its log as it ends and cannot be stopped early without losing it, so it
        // runs long enough for a backfill about a fifth as fast as one on a quiet machine.
        int seconds = 10 + rows / 50_000;
        List<Request> during = stream(pg, "during", seconds, (pgbench, backend) -> {
            stream[0] = pgbench;
            stream[1] = backend;
            ROLES.put(pgbench, "pgbench");
            ROLES.put(backend, "pgbench's backend");
            // Timestamps from CLOCK_MONOTONIC, the clock of System.nanoTime, so they line up with the requests.
            Process recorder = start(List.of("perf", "record", "-q", "-k", "1", "-a", "-R", "-c", "1", "-e", "sched:sched_switch",
                    "-e", "sched:sched_wakeup", "-e", "sched:sched_wakeup_new", "-e", "sched:sched_waking",
                    "-e", "sched:sched_migrate_task", "-e", "sched:sched_process_fork", "-o", sched.toString()));
            Thread.sleep(500); // perf attaches
            Thread watcher = Thread.ofPlatform().daemon().start(() -> watchBackends(db));
            window[0] = System.nanoTime() / 1e9;
            Migrator.configure().dataSource(db).build()
                    .start(ADD_FULL_NAME);
            window[1] = System.nanoTime() / 1e9;
            watcher.interrupt();
            stop(recorder);
            return window;
        });
        if (window[1] - window[0] > seconds - 2) {
            System.out.printf("   (the migration outlasted pgbench's %d s: the requests cover only its beginning)%n", seconds);
        }
        List<Long> b = before.stream().map(Request::micros).sorted().toList();
        List<Long> d = during.stream().map(Request::micros).sorted().toList();
        System.out.printf("   before start          p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms  (%d requests)%n",
                pct(b, 50), pct(b, 99), pct(b, 100), b.size());
        System.out.printf("   during start+backfill p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms  (%d requests, %.1f s)%n",
                pct(d, 50), pct(d, 99), pct(d, 100), d.size(), window[1] - window[0]);
        System.out.printf("   p99 during / before %.2fx (aim <= 1.50); requests over 1 ms: %d before, %d during%n",
                pct(d, 99) / pct(b, 99), b.stream().filter(l -> l > 1000).count(), d.stream().filter(l -> l > 1000).count());
        List<String> log = Files.readAllLines(serverLog);
        List<String> logged = log.subList(Math.min(logFrom, log.size()), log.size());
        System.out.printf("   the server's log: %d of the stream's statements took over 1 ms to execute, %d waited over 1 ms"
                + " for a lock%n", logged.stream().filter(l -> l.contains("duration:") && l.contains("WHERE id =")).count(),
                logged.stream().filter(l -> l.contains("still waiting")).count());
        account(runs(sched), during.stream().filter(r -> r.micros() > 1000).toList(), stream[0], stream[1]);
    }

    /** A request of the stream: when it was due (CLOCK_MONOTONIC seconds) and how long it took from then. */
    private record Request(double due, long micros) {
        double done() {
            return due + micros / 1e6;
        }
    }

    /** What a run of the stream needs once pgbench and its backend are known: returns the window to count. */
    private interface During {
        double[] run(long pgbench, long backend) throws Exception;
    }

    /**
     * Runs pgbench at 200 requests/s for {@code seconds} (or, with {@code during}, the requests due
     * while it runs) and returns each request with its latency from the time it was due (pgbench's
     * schedule lag plus its latency).
     */
    private static List<Request> stream(PostgresServer pg, String name, int seconds, During during) throws Exception {
        Path log = WORK.resolve(name);
        ProcessBuilder pb = new ProcessBuilder("pgbench", "-h", "127.0.0.1", "-p", Integer.toString(pg.port()), "-U", "bench",
                "-n", "-c", "1", "-R", "200", "-T", Integer.toString(seconds), "-f", WORK.resolve("read.sql") + "@1",
                "-f", WORK.resolve("write.sql") + "@1", "-l", "--log-prefix=" + log, "stream")
                .redirectErrorStream(true).redirectOutput(WORK.resolve(name + ".out").toFile());
        pb.environment().put("PGPASSWORD", pg.password("bench"));
        Process pgbench = pb.start();
        double[] window = {0, Double.MAX_VALUE};
        if (during != null) {
            Thread.sleep(1000);
            try (Connection c = pg.dataSource("stream", PostgresServer.SUPERUSER).getConnection(); Statement s = c.createStatement()) {
                window = during.run(pgbench.pid(),
                        Long.parseLong(value(s, "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench'")));
            }
        }
        if (!pgbench.waitFor(seconds + 10, TimeUnit.SECONDS) || pgbench.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed: " + Files.readString(WORK.resolve(name + ".out")));
        }
        // pgbench logs wall-clock time; this is how far CLOCK_MONOTONIC is behind it.
        Instant now = Instant.now();
        double realMinusMono = now.getEpochSecond() + now.getNano() / 1e9 - System.nanoTime() / 1e9;
        List<Request> requests = new ArrayList<>();
        try (var files = Files.list(WORK)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(name + ".")
                    && !p.toString().endsWith(".out")).toList()) {
                for (String l : Files.readAllLines(f)) {
                    // client transaction latency script epoch_s epoch_us lag (microseconds)
                    String[] x = l.trim().split("\\s+");
                    long micros = Long.parseLong(x[2]) + Long.parseLong(x[6]);
                    double due = Long.parseLong(x[4]) + Long.parseLong(x[5]) / 1e6 - micros / 1e6 - realMinusMono;
                    if (due >= window[0] && due <= window[1]) {
                        requests.add(new Request(due, micros));
                    }
                }
            }
        }
        return requests;
    }

    /** Names the server's processes by what they do, as they come and go during the migration. */
    private static void watchBackends(DataSource db) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            while (!Thread.currentThread().isInterrupted()) {
                try (ResultSet rs = s.executeQuery("SELECT pid, coalesce(nullif(backend_type, 'client backend'), 'backend')"
                        + " || CASE WHEN query LIKE 'DO %from_key text[]%' THEN ' (the backfill)' WHEN pid = pg_backend_pid() THEN"
                        + " ' (this profile''s watcher)' ELSE '' END FROM pg_stat_activity")) {
                    while (rs.next()) {
                        ROLES.merge(rs.getLong(1), rs.getString(2), (old, now) -> old.contains("(") ? old : now);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // The watcher only names processes; the figures do not depend on it.
            System.err.println("   (naming the server's processes stopped: " + e.getMessage() + ")");
        }
    }

    /**
     * A task's time on a CPU, as perf sched timehist prints it: it ran {@code run} seconds up to
     * {@code end} after waiting {@code delay} seconds, runnable, for the CPU; the idle task has tid 0.
     */
    private record Run(double end, int cpu, String task, long pid, long tid, double delay, double run) {
        double start() {
            return end - run;
        }
    }

    private static List<Run> runs(Path sched) throws Exception {
        // time [cpu] task[tid/pid] wait delay run (ms); the idle task is "<idle>", without ids.
        Pattern line = Pattern.compile("^\\s*([0-9.]+)\\s+\\[(\\d+)]\\s+(.+?)(?:\\[(\\d+)(?:/(\\d+))?])?\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s*$");
        List<Run> runs = new ArrayList<>();
        for (String l : output(List.of("perf", "sched", "timehist", "-i", sched.toString()))) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                long tid = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
                runs.add(new Run(Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).trim(),
                        m.group(5) == null ? tid : Long.parseLong(m.group(5)), tid, Double.parseDouble(m.group(7)) / 1e3,
                        Double.parseDouble(m.group(8)) / 1e3));
            }
        }
        return runs;
    }

    /**
     * Splits the time of the slow requests into pgbench or its backend waiting for a CPU, either
     * of them on a CPU, and neither (asleep: the network, a lock, the disk), and says what held the
     * CPU they waited for and how much of that wait the other CPUs were idle.
     */
    private static void account(List<Run> runs, List<Request> slow, long pgbench, long backend) {
        long self = ProcessHandle.current().pid();
        double total = 0, waiting = 0, running = 0, otherIdle = 0;
        Map<String, Double> heldBy = new HashMap<>();
        for (Request q : slow) {
            total += q.done() - q.due();
            for (Run r : runs) {
                if (r.tid() == 0 || (r.pid() != pgbench && r.pid() != backend)) {
                    continue;
                }
                running += overlap(q.due(), q.done(), r.start(), r.end());
                double from = Math.max(q.due(), r.start() - r.delay()), to = Math.min(q.done(), r.start());
                if (to <= from) {
                    continue;
                }
                waiting += to - from;
                for (Run o : runs) {
                    double o2 = overlap(from, to, o.start(), o.end());
                    if (o2 > 0 && o.cpu() == r.cpu() && o.tid() != r.tid()) {
                        heldBy.merge(label(o, self), o2, Double::sum);
                    } else if (o2 > 0 && o.cpu() != r.cpu() && o.tid() == 0) {
                        otherIdle += o2;
                    }
                }
            }
        }
        if (slow.isEmpty()) {
            return;
        }
        System.out.printf("   the %d requests over 1 ms took %.1f ms in all: pgbench or its backend waiting for a CPU %.0f%%,"
                + " on a CPU %.0f%%, neither (asleep: network, a lock, the disk) %.0f%%%n", slow.size(), total * 1e3,
                100 * waiting / total, 100 * running / total, 100 * (total - waiting - running) / total);
        if (waiting > 0) {
            System.out.printf("   while they waited, the other CPU was idle %.0f%% of the time, and their own was held by:%n",
                    100 * otherIdle / waiting);
            heldBy.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                    .forEach(e -> System.out.printf("     %6.1f ms  %s%n", e.getValue() * 1e3, e.getKey()));
        }
    }

    private static double overlap(double from, double to, double start, double end) {
        return Math.max(0, Math.min(to, end) - Math.max(from, start));
    }

    private static String label(Run run, long self) {
        if (run.pid() == self) {
            return "the migrator's JVM: " + run.task();
        }
        String role = ROLES.get(run.pid());
        return role != null ? "postgres: " + role : run.task();
    }

    // Helpers.

    private static String procedureWalk() throws IOException {
        return Files.readString(PROCEDURE_WALK);
    }

    private static void fill(DataSource ds, int rows) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text, email text)");
            s.execute("INSERT INTO users (name, email) SELECT 'name ' || g, 'mail' || g || '@example.com'"
                    + " FROM generate_series(1, " + rows + ") g");
            s.execute("VACUUM ANALYZE users");
            s.execute("ALTER TABLE users SET (autovacuum_enabled = false)");
        }
    }

    private static void dropDatabase(PostgresServer pg, String database) throws SQLException {
        try (Connection c = pg.dataSource("postgres", PostgresServer.SUPERUSER).getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + database);
        }
    }

    private static String value(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The CPU seconds a process has used so far (utime + stime). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(WORK.resolve("perf.out").toFile()).start();
    }

    private static void stop(Process p) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static List<String> output(List<String> command) throws Exception {
        Path out = WORK.resolve("report.txt");
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(out.toFile()).start();
        p.waitFor();
        return Files.readAllLines(out);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double pct(List<Long> micros, int percentile) {
        if (micros.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * micros.size()) - 1;
        return micros.get(Math.max(0, Math.min(micros.size() - 1, index))) / 1e3;
    }
}
