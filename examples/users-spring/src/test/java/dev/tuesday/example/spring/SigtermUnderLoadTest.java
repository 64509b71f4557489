package dev.tuesday.example.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SIGTERM to a real users-spring process under load, with slow requests in flight: none broken. */
class SigtermUnderLoadTest {

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    private static TestDatabase users;

    @BeforeAll
    static void usersTableWithAda() throws Exception {
        users = postgres.freshDatabase("users", "users_app");
        users.execute("CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, email text)",
                "INSERT INTO users (name, email) VALUES ('Ada Lovelace', 'ada@example.org')");
    }

    @Test
    void sigtermUnderLoadWithRequestsInFlightBreaksNone() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try (SpringServiceProcess service = SpringServiceProcess.start(Map.of(
                "DATABASE_URL", users.jdbcUrl(), "DATABASE_USER", users.owner(),
                "DATABASE_PASSWORD", users.password(), "USERS_VERSION", "v1", "DRAIN_DELAY", "2s"));
                clients) {
            int port = service.port();
            assertThat(await(http, port, "/readyz", 200, Duration.ofSeconds(60))).as(service.output()).isTrue();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong answered = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            List<String> broken = Collections.synchronizedList(new ArrayList<>());
            List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
            List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
            long hardStop = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int loop = i;
                loops.add(CompletableFuture.runAsync(() -> {
                    int n = 0;
                    while (!stop.get() && System.nanoTime() < hardStop && n++ < 5_000) {
                        HttpRequest request = loop % 2 == 0
                                ? get(port, "/users/1")
                                : HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users"))
                                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Grace " + n + "\",\"email\":\"g@example.org\"}")).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            answered.incrementAndGet();
                            latencies.add((System.nanoTime() - t0) / 1_000_000);
                            if (r.statusCode() != 200 && r.statusCode() != 201) {
                                statuses.add(r.statusCode());
                            }
                        } catch (ConnectException e) {
                            refused.incrementAndGet();
                            sleep(20);
                        } catch (IOException e) {
                            // Connected, then closed before a single response byte: a connection still in
                            // the listen queue when the socket closed. The service's own count below tells
                            // whether it ever saw the request.
                            (String.valueOf(e.getMessage()).contains("received no bytes") ? unanswered : broken).add(e.toString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }, clients));
            }
            Thread.sleep(1500);
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                slow.add(http.sendAsync(get(port, "/users/1?delay=2s"), HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(300);
            long answeredBefore = answered.get();
            service.terminate();
            int status = service.awaitExit(Duration.ofSeconds(45));
            stop.set(true);
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long slowAnswered = 0;
            for (CompletableFuture<HttpResponse<String>> f : slow) {
                HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("Ada Lovelace");
                slowAnswered++;
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            long p99 = sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
            System.out.printf("users-spring SIGTERM under load: %d requests (%d before SIGTERM, %d slow in flight), %d failed,"
                    + " %d broken, %d refused at connect, %d closed unanswered in the listen queue, p99 %d ms, exit %d%n",
                    answered.get() + slowAnswered, answeredBefore, slowAnswered, statuses.size(), broken.size(), refused.get(),
                    unanswered.size(), p99, status);

            assertThat(status).as(service.output()).isIn(0, 143);
            assertThat(broken).as("requests cut after the connection was made").isEmpty();
            assertThat(statuses).as("answers other than 200/201").isEmpty();
            Matcher served = Pattern.compile("after answering (\\d+) API requests").matcher(service.output());
            assertThat(served.find()).as(service.output()).isTrue();
            assertThat(Long.parseLong(served.group(1))).as("requests the service answered").isEqualTo(answered.get() + slowAnswered);
            assertThat(unanswered.size()).as("queued connections closed unanswered").isLessThan(10);
            assertThat(answered.get()).isGreaterThan(answeredBefore).isGreaterThan(50);
            assertThat(refused.get()).as("the socket closed after the drain delay").isPositive();
        }
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build();
    }

    static boolean await(HttpClient http, int port, String path, int status, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(get(port, path), HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
