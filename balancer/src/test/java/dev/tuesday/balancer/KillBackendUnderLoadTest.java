package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Three backend processes under steady load (GETs and POSTs, each taking 30 ms at the backend);
 * one is killed with SIGKILL. It must be ejected at once; GETs that were on it are retried
 * elsewhere; only POSTs sent to it before its ejection may fail (at most one per client, since each
 * client has one request in flight), and they fail with 502.
 */
class KillBackendUnderLoadTest {
    private static final int CLIENTS = 12;
    /** Requests completed before the kill, and after it, however slow the machine (bounded by MAX_PHASE). */
    private static final int PHASE_REQUESTS = 300;
    private static final Duration MAX_PHASE = Duration.ofSeconds(20);

    record Outcome(String method, long startNanos, long endNanos, int status, String body) {
        boolean failed() {
            return status != 200;
        }
    }

    @Test
    void killingABackendFailsOnlyThePostsInFlightOnIt() throws Exception {
        try (BackendProcess b1 = BackendProcess.start("b1");
             BackendProcess b2 = BackendProcess.start("b2");
             BackendProcess b3 = BackendProcess.start("b3");
             Balancer balancer = Balancer.configure()
                     .listen("127.0.0.1", 0)
                     .health(new HealthSettings("/readyz", Duration.ofMillis(200), Duration.ofSeconds(2), 2, 2))
                     .backend("b1", b1.uri(), "v1", 1)
                     .backend("b2", b2.uri(), "v1", 1)
                     .backend("b3", b3.uri(), "v1", 1)
                     .start()) {
            for (String id : List.of("b1", "b2", "b3")) {
                assertThat(balancer.awaitReady(id, TestBalancers.READY)).isTrue();
            }
            List<StateChange> changes = new ArrayList<>();
            balancer.addListener(change -> {
                synchronized (changes) {
                    changes.add(change);
                }
            });

            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long start = System.nanoTime();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                int worker = i;
                load.submit(() -> drive(client, balancer.uri(), worker, stop, outcomes));
            }

            awaitCompleted(outcomes, PHASE_REQUESTS);
            int inFlightOnVictim = balancer.backend("b2").inFlight();
            long killedAt = System.nanoTime();
            b2.kill();
            AtomicLong ejectedAt = new AtomicLong();
            RoutingTest.waitFor(() -> {
                boolean down = balancer.backend("b2").state() == BackendState.DOWN;
                if (down) {
                    ejectedAt.compareAndSet(0, System.nanoTime());
                }
                return down;
            });

            awaitCompleted(outcomes, outcomes.size() + PHASE_REQUESTS);
            stop.set(true);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            List<Outcome> all = new ArrayList<>(outcomes);
            List<Outcome> failed = all.stream().filter(Outcome::failed).toList();
            long gets = all.stream().filter(o -> o.method().equals("GET")).count();
            long posts = all.size() - gets;
            long failedGets = failed.stream().filter(o -> o.method().equals("GET")).count();
            long afterKill = all.stream().filter(o -> o.startNanos() > killedAt && !o.failed()).count();
            MetricsSnapshot metrics = balancer.metrics();

            System.out.printf("kill -9 under load: %d requests (%d GET, %d POST) by %d clients in %d ms; "
                            + "%d in flight on b2 when killed; ejected %d ms after the kill; "
                            + "%d retried elsewhere; failed: %d GET, %d POST; %d succeeded after the kill%n",
                    all.size(), gets, posts, CLIENTS, elapsedMillis, inFlightOnVictim,
                    TimeUnit.NANOSECONDS.toMillis(ejectedAt.get() - killedAt), metrics.retries(),
                    failedGets, failed.size() - failedGets, afterKill);

            assertThat(afterKill).isGreaterThan(PHASE_REQUESTS / 2);
            assertThat(failedGets).as("GETs retried elsewhere").isZero();
            assertThat(failed).as("only requests in flight on b2 can fail").hasSizeLessThanOrEqualTo(CLIENTS);
            for (Outcome outcome : failed) {
                assertThat(outcome.method()).isEqualTo("POST");
                assertThat(outcome.status()).isEqualTo(502);
                assertThat(outcome.body()).contains("b2").contains("not replayed");
                // It was sent to b2 before b2 was ejected: in flight on it when it died, or sent on
                // one of its connections in the moment between its death and its ejection.
                assertThat(outcome.startNanos()).isLessThan(ejectedAt.get());
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(ejectedAt.get() - killedAt)).as("ejection delay, ms").isLessThan(2000);
            assertThat(metrics.clientFailures()).isEqualTo(failed.size());
            assertThat(balancer.backend("b2").state()).isEqualTo(BackendState.DOWN);
            synchronized (changes) {
                assertThat(changes).anySatisfy(change -> {
                    assertThat(change.backendId()).isEqualTo("b2");
                    assertThat(change.to()).isEqualTo(BackendState.DOWN);
                });
            }
        }
    }

    private static void awaitCompleted(ConcurrentLinkedQueue<Outcome> outcomes, int count) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_PHASE.toNanos();
        while (outcomes.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void drive(HttpClient client, URI base, int worker, AtomicBoolean stop, ConcurrentLinkedQueue<Outcome> outcomes) {
        int n = 0;
        while (!stop.get()) {
            boolean post = (n++ + worker) % 2 == 0;
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/work?ms=30")).timeout(Duration.ofSeconds(5));
            request = post ? request.POST(HttpRequest.BodyPublishers.ofString("order " + worker + "-" + n)) : request.GET();
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                outcomes.add(new Outcome(post ? "POST" : "GET", started, System.nanoTime(), response.statusCode(), response.body()));
            } catch (Exception e) {
                outcomes.add(new Outcome(post ? "POST" : "GET", started, System.nanoTime(), -1, e.toString()));
            }
        }
    }
}
