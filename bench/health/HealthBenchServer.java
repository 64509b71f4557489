import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.health.Checks;
import dev.tuesday.health.Health;
import dev.tuesday.health.HttpServerBinding;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The server side of bench/health/run.sh: a JDK HttpServer on a virtual-thread executor (as in
 * users-service) with Tuesday's probes backed by a HikariCP pool on an embedded PostgreSQL, and
 * two trivial endpoints: {@code /plain} (not counted) and {@code /tracked} (counted in flight by
 * {@link HttpServerBinding#tracked}), so the cost of the counting shows by difference.
 *
 * <p>Usage: {@code HealthBenchServer PORT}; prints "ready" once it serves and runs until killed.
 */
public final class HealthBenchServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        PostgresServer postgres = PostgresServer.temporary(0);
        postgres.createDatabase("bench", "bench");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl("bench", "bench"));
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);

        Health health = Health.configure()
                .cacheTtl(Duration.ofSeconds(1))
                .readiness("database", Checks.database(pool, Duration.ofSeconds(1)))
                .readiness("version-schema", Checks.versionSchema(pool, "public"))
                .liveness("deadlocks", Checks.deadlocks())
                .build();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        HttpServerBinding binding = HttpServerBinding.install(server, health);
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        HttpHandler trivial = exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, ok.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(ok);
                }
            }
        };
        server.createContext("/plain", trivial);
        server.createContext("/tracked", binding.tracked(trivial));
        server.start();
        health.markReady();
        if (health.check(dev.tuesday.health.Probe.READINESS).httpStatus() != 200) {
            throw new IllegalStateException("not ready: " + health.check(dev.tuesday.health.Probe.READINESS).toJson(true));
        }
        System.out.println("ready");
        Thread.currentThread().join();
    }
}
