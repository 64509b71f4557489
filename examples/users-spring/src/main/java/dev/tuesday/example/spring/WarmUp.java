package dev.tuesday.example.spring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

/**
 * Sends the service's own read requests to itself over loopback before it reports ready.
 *
 * <p>Why: Boot turns readiness to accepting traffic only after the application runners, and a
 * Boot JVM that has just started runs its request path (Tomcat, Spring MVC, Jackson, JDBC)
 * interpreted, loading classes on the way. Put in rotation cold, its first hundred requests took
 * seconds on a busy two-core machine: the balancer answered 504 for them and a canary failed its
 * latency analysis. The service prints how long its warm-up took.
 *
 * <p>It never writes: {@code GET /users?after=0&limit=10}, {@code GET /users/1} and
 * {@code PUT /users/0}, an update that matches no row. Failed answers (the database may be down: readiness says so) do not stop it; the
 * deadline bounds it. The requests are not counted in {@link UsersController#answered()}.
 */
final class WarmUp implements ApplicationRunner {

    private static final int PARALLEL = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final UsersSettings settings;
    private final UsersController controller;
    private final Environment environment;

    WarmUp(UsersSettings settings, UsersController controller, Environment environment) {
        this.settings = settings;
        this.controller = controller;
        this.environment = environment;
    }

    /**
     * In turn: a page of users, user 1 (found or not), and an update of user 0, which has the
     * body, JSON reading and UPDATE of a real one but matches no row (ids start at 1): 404.
     */
    private static HttpRequest request(String base, int n) {
        HttpRequest.Builder request = switch (n % 3) {
            case 0 -> HttpRequest.newBuilder(URI.create(base + "/users?after=0&limit=10"));
            case 1 -> HttpRequest.newBuilder(URI.create(base + "/users/1"));
            default -> HttpRequest.newBuilder(URI.create(base + "/users/0")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"name\": \"warm-up\", \"full_name\": \"warm-up\", \"email\": \"warm-up@example.invalid\"}"));
        };
        return request.timeout(REQUEST_TIMEOUT).build();
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        int requests = settings.warmUpRequests();
        if (requests == 0) {
            return;
        }
        String base = "http://" + environment.getProperty("server.address", "127.0.0.1") + ":"
                + environment.getRequiredProperty("local.server.port");
        long started = System.nanoTime();
        long deadline = started + DEADLINE.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                loops.add(threads.submit(() -> {
                    for (int n = next.getAndIncrement(); n < requests && System.nanoTime() < deadline; n = next.getAndIncrement()) {
                        try {
                            http.send(request(base, n), HttpResponse.BodyHandlers.discarding());
                            answered.incrementAndGet();
                        } catch (IOException e) {
                            // A warm-up request that failed still ran the code it was sent for.
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                try {
                    loop.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("warm-up failed", e.getCause());
                }
            }
        }
        controller.forgetWarmUp();
        System.out.println("users-spring warmed up with " + answered.get() + " of its own requests in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }
}
