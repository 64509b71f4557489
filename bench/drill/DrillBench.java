import com.sun.net.httpserver.HttpServer;
import dev.tuesday.drill.Drill;
import dev.tuesday.drill.DrillResult;
import dev.tuesday.drill.Verdict;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Figures for the drill, measured side by side in one run (see run.sh):
 * 1. a 1 s stall measured open-loop (the drill) and closed-loop (workers that wait for each
 *    answer and time from the actual send, as many load tools do);
 * 2. how well the schedule holds at higher rates against a trivial service;
 * 3. the same trivial load against the JDK's HttpServer and against Jetty.
 */
public class DrillBench {

    static volatile long stallFrom = Long.MAX_VALUE;
    static volatile long stallUntil = Long.MAX_VALUE;

    public static void main(String[] args) throws Exception {
        Server jetty = jetty();
        URI jettyUri = URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/");
        System.out.println("load average at start: " + load());

        // 1. Open loop vs closed loop under a stall.
        int rate = 200;
        Duration length = Duration.ofSeconds(6);
        armStall(Duration.ofSeconds(2) .plusMillis(2000), Duration.ofSeconds(1)); // warm-up (<=2 s) + 2 s
        DrillResult open = Drill.configure().target(jettyUri).rate(rate).duration(length).timeout(Duration.ofSeconds(10)).build().run();
        armStall(Duration.ofSeconds(2), Duration.ofSeconds(1));
        Closed closed = closedLoop(jettyUri, rate, length, 10);
        System.out.println();
        System.out.println("1. A 1 s stall of the service, " + rate + " requests/s for " + length.toSeconds() + " s");
        row("", "requests", "p50", "p99", "max");
        Verdict v = open.verdict();
        row("open loop (drill)", v.requests(), ms(v.p50()), ms(v.p99()), ms(v.max()));
        row("closed loop (10 workers)", closed.latenciesMicros.size(), ms(closed.p(50)), ms(closed.p(99)), ms(closed.p(100)));
        System.out.printf(Locale.ROOT, "   p99 open/closed = %.1fx; requests scheduled during the stall: drill %d, closed loop sent %d%n",
                v.p99().toNanos() / (double) Math.max(1, closed.p(99).toNanos()),
                open.timeline().size() > 2 ? open.timeline().get(2).sent() : -1, closed.sentDuringStall);
        stallFrom = Long.MAX_VALUE;

        // 2. Holding the schedule.
        System.out.println();
        System.out.println("2. Schedule held against a trivial Jetty handler, 5 s each");
        row("rate", "sent", "sent/s min..max", "p50", "p99", "failed");
        for (int r : new int[] {500, 2000, 5000}) {
            DrillResult res = Drill.configure().target(jettyUri).rate(r).duration(Duration.ofSeconds(5)).build().run();
            long min = res.timeline().stream().limit(5).mapToLong(s -> s.sent()).min().orElse(0);
            long max = res.timeline().stream().limit(5).mapToLong(s -> s.sent()).max().orElse(0);
            row(r + "/s", res.verdict().requests(), min + ".." + max, ms(res.verdict().p50()), ms(res.verdict().p99()),
                    res.verdict().failedTotal());
        }

        // 3. The same load against two servers.
        HttpServer jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        jdk.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        jdk.createContext("/", ex -> {
            byte[] b = "{}".getBytes();
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        jdk.start();
        URI jdkUri = URI.create("http://127.0.0.1:" + jdk.getAddress().getPort() + "/");
        System.out.println();
        System.out.println("3. The same trivial service on two servers, 200 requests/s for 5 s (load average " + load() + ")");
        row("server", "requests", "p50", "p99", "max", "failed");
        for (var target : List.of(List.of("JDK HttpServer (virtual threads)", jdkUri), List.of("Jetty 12", jettyUri))) {
            DrillResult res = Drill.configure().target((URI) target.get(1)).rate(200).duration(Duration.ofSeconds(5)).build().run();
            Verdict rv = res.verdict();
            row((String) target.get(0), rv.requests(), ms(rv.p50()), ms(rv.p99()), ms(rv.max()), rv.failedTotal());
        }
        jdk.stop(0);
        jetty.stop();
        System.out.println("load average at end: " + load());
        System.exit(0);
    }

    static void armStall(Duration in, Duration length) {
        long now = System.nanoTime();
        stallFrom = now + in.toNanos();
        stallUntil = stallFrom + length.toNanos();
    }

    static Server jetty() throws Exception {
        Server server = new Server(new QueuedThreadPool(1200, 8));
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        c.setAcceptQueueSize(1024);
        server.addConnector(c);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                long now = System.nanoTime();
                if (now >= stallFrom && now < stallUntil) {
                    Thread.sleep(Duration.ofNanos(stallUntil - now));
                }
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        });
        server.start();
        return server;
    }

    record Closed(List<Long> latenciesMicros, long sentDuringStall) {
        Duration p(double percentile) {
            if (latenciesMicros.isEmpty()) {
                return Duration.ZERO;
            }
            int i = (int) Math.min(latenciesMicros.size() - 1, Math.ceil(percentile / 100 * latenciesMicros.size()) - 1);
            return Duration.ofNanos(latenciesMicros.get(Math.max(0, i)) * 1000);
        }
    }

    /** Workers that pace themselves to the rate but wait for each answer and time from the actual send. */
    static Closed closedLoop(URI uri, int rate, Duration length, int workers) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong duringStall = new AtomicLong();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long period = 1_000_000_000L * workers / rate;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            long offset = period * w / workers;
            threads.add(Thread.ofVirtual().start(() -> {
                long next = start + offset;
                while (true) {
                    long now = System.nanoTime();
                    if (next > now) {
                        java.util.concurrent.locks.LockSupport.parkNanos(next - now);
                    }
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        return;
                    }
                    if (sent >= stallFrom && sent < stallUntil) {
                        duringStall.incrementAndGet();
                    }
                    try {
                        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        // counted by its latency like any other
                    }
                    latencies.add((System.nanoTime() - sent) / 1000);
                    next = Math.max(next + period, System.nanoTime()); // late: the missed slots are skipped
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Closed(sorted, duringStall.get());
    }

    static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    static void row(Object... cells) {
        StringBuilder b = new StringBuilder("   ");
        b.append(String.format("%-34s", cells[0]));
        for (int i = 1; i < cells.length; i++) {
            b.append(String.format("%16s", cells[i]));
        }
        System.out.println(b);
    }

    static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
