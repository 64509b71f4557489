package dev.tuesday.example.users;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tuesday.health.Checks;
import dev.tuesday.health.Health;
import dev.tuesday.health.HttpServerBinding;
import dev.tuesday.health.VersionSchema;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The users service of Tuesday's running example, started with {@code java -jar users-service.jar}
 * and configured by the environment (see {@link ServiceSettings}).
 *
 * <p>Start-up order matters for readiness: the HTTP server (with the probes) starts first, so
 * {@code /readyz} answers 503 while the pool is not open; the service then waits for the
 * database, pauses for the warm-up, and only then calls {@link Health#markReady()}. SIGTERM drains
 * it (see {@link Health}) and it exits 0.
 */
public final class UsersService {

    private UsersService() {
    }

    /** Runs the service until SIGTERM. Exits 2 on a bad setting, 1 when the port cannot be bound. */
    public static void main(String[] args) {
        ServiceSettings settings;
        try {
            settings = ServiceSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("users-service: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(settings);
        } catch (IOException e) {
            System.err.println("users-service: cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(ServiceSettings s) throws IOException {
        HikariDataSource pool = pool(s);
        Health health = Health.configure()
                .checkTimeout(s.checkTimeout())
                .cacheTtl(s.cacheTtl())
                .drainDelay(s.drainDelay())
                .drainTimeout(s.drainTimeout())
                .readiness("database", Checks.database(pool, s.checkTimeout()))
                .readiness("version-schema", Checks.versionSchema(pool, s.schema()))
                .liveness("deadlocks", Checks.deadlocks())
                .build();

        HttpServer server = HttpServer.create(new InetSocketAddress(s.host(), s.port()), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        HttpServerBinding probes = HttpServerBinding.install(server, health);
        UsersHandler api = new UsersHandler(new UsersRepository(pool, s.version()), s.version(), new Faults(s.failRate(), s.delay()));
        server.createContext("/users", probes.tracked(api));
        health.onStopped(pool::close);
        health.onStopped(() -> System.out.println("users-service stopped after answering " + api.answered() + " API requests"));
        health.installShutdownHook();
        server.start();
        System.out.println("users-service " + s.version().name().toLowerCase(java.util.Locale.ROOT) + " listening on http://"
                + s.host() + ":" + server.getAddress().getPort() + " schema " + s.schema());

        awaitDatabase(pool, health);
        sleep(s.warmup());
        if (s.neverReady()) {
            System.out.println("users-service never ready (USERS_NEVER_READY)");
        } else if (!health.isDraining()) {
            health.markReady();
            System.out.println("users-service ready");
        }
    }

    private static HikariDataSource pool(ServiceSettings s) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("users");
        config.setJdbcUrl(VersionSchema.withSearchPath(s.jdbcUrl(), s.schema()));
        config.setUsername(s.user());
        config.setPassword(s.password());
        config.setMaximumPoolSize(s.poolSize());
        // Open without a connection: the database may come up after the service, and readiness
        // (not a crash loop) is how the service says so.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(Math.max(250, s.checkTimeout().multipliedBy(2).toMillis()));
        config.setValidationTimeout(Math.max(250, s.checkTimeout().toMillis()));
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, s.checkTimeout().multipliedBy(2).toSeconds())));
        // The version schema first: `tuesday migrate complete` does not drop it while this service is connected.
        config.addDataSourceProperty("ApplicationName",
                VersionSchema.applicationName(s.schema(), "users-service-" + s.version().name().toLowerCase(java.util.Locale.ROOT)));
        return new HikariDataSource(config);
    }

    private static void awaitDatabase(HikariDataSource pool, Health health) {
        boolean told = false;
        while (!health.isDraining()) {
            try (Connection c = pool.getConnection()) {
                if (c.isValid(2)) {
                    return;
                }
            } catch (SQLException e) {
                if (!told) {
                    System.out.println("users-service waiting for the database: " + e.getMessage().lines().findFirst().orElse(""));
                    told = true;
                }
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
