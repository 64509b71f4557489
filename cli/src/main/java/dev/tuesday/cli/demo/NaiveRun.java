package dev.tuesday.cli.demo;

import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.HealthSettings;
import dev.tuesday.drill.DrillResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The same release done the naive way: the instances run on the table itself (no version
 * schema), the migration is one {@code ALTER TABLE … RENAME COLUMN}, then every instance is
 * restarted at once as v2 — killed without draining, back in rotation as soon as its process is
 * up (the balancer checks {@code /livez}, not readiness).
 */
record NaiveRun(DemoSettings settings, DemoFiles files, PrintWriter out) {

    DrillResult run(DemoDatabase db, Path workDir) throws InterruptedException {
        List<ServiceProcess> fleet = new ArrayList<>();
        try (Balancer balancer = Balancer.configure().listen("127.0.0.1", 0)
                .health(new HealthSettings("/livez", Duration.ofMillis(250), Duration.ofSeconds(4), 1, 3)).start()) {
            out.println("naive: starting v1 x" + settings.instances() + " behind the balancer on " + balancer.uri());
            for (int i = 0; i < settings.instances(); i++) {
                ServiceProcess p = ServiceProcess.start(files, freePort(), env(db, "v1"), workDir.resolve("naive-" + i + ".log"));
                fleet.add(p);
                // One label for the whole naive fleet: its balancer never learns which version runs where.
                balancer.addBackend("naive-" + i, p.uri(), "users", 1);
            }
            for (int i = 0; i < fleet.size(); i++) {
                if (!balancer.awaitReady("naive-" + i, Duration.ofSeconds(60))) {
                    throw new IllegalStateException("naive v1 instance naive-" + i + " did not come up; see "
                            + workDir.resolve("naive-" + i + ".log"));
                }
            }
            out.println("  warming up: " + settings.steady().toSeconds() + " s of load that is not counted");
            Load.warmUp(balancer.uri(), settings.rate(), settings.steady());
            try (Load load = Load.start(balancer.uri(), settings.rate(), "naive", out)) {
                load.phase("steady");
                Thread.sleep(settings.steady().toMillis());

                load.phase("rename");
                out.println("  [rename] ALTER TABLE users RENAME COLUMN name TO full_name");
                db.execute("ALTER TABLE public.users RENAME COLUMN name TO full_name");
                Thread.sleep(settings.naiveGap().toMillis());

                load.phase("restart");
                out.println("  [restart] every instance killed and started again as v2, no drain, no readiness gate");
                for (int i = 0; i < fleet.size(); i++) {
                    ServiceProcess old = fleet.get(i);
                    old.kill();
                    fleet.set(i, ServiceProcess.start(files, old.port(), env(db, "v2"), workDir.resolve("naive-" + i + ".log")));
                }
                for (int i = 0; i < fleet.size(); i++) {
                    balancer.awaitReady("naive-" + i, Duration.ofSeconds(60));
                }
                out.println("  [restart] v2 instances up");

                load.phase("after");
                Thread.sleep(settings.steady().toMillis());
                return load.stop();
            }
        } finally {
            fleet.forEach(ServiceProcess::kill);
        }
    }

    private static Map<String, String> env(DemoDatabase db, String version) {
        return Map.of("USERS_VERSION", version, "TUESDAY_SCHEMA", "public", "DATABASE_URL", db.jdbcUrl(),
                "DATABASE_USER", DemoDatabase.ROLE, "DATABASE_PASSWORD", db.password(), "DRAIN_DELAY", "0s", "POOL_SIZE", "4");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
