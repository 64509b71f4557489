package dev.tuesday.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop, bounded load on the users API over loopback: {@code rate} requests per second
 * whatever the answers, a quarter inserts, a fifth updates, the rest reads of rows written
 * before, each read compared with the last acknowledged write. The name goes under both
 * {@code name} and {@code full_name} and is read back from either, since the release moves the
 * service from one to the other.
 */
final class SteadyLoad implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Requests in flight at most. Past it a tick is skipped and counted, not sent: on a crowded
     * machine an unbounded open loop would pile up thousands of connections in this JVM, which also
     * hosts the balancer, and run it out of file descriptors.
     */
    private static final int MAX_IN_FLIGHT = 48;

    private final URI target;
    private final HttpClient http;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
    private final Set<Long> busy = ConcurrentHashMap.newKeySet();
    private final List<Long> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Latency of every answered request, microseconds. */
    private final org.HdrHistogram.ConcurrentHistogram latency = new org.HdrHistogram.ConcurrentHistogram(3);
    private final long startedNanos;
    private volatile long stoppedNanos;

    private SteadyLoad(URI target, int rate, Duration limit) {
        this.target = target;
        this.http = HttpClient.newBuilder().executor(requests).connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).build();
        this.startedNanos = System.nanoTime();
        long periodMicros = 1_000_000L / rate;
        ticker.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
        // Bounded whatever the test does: the load stops by itself after the limit.
        ticker.schedule(() -> Thread.ofVirtual().start(this::stop), limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts sending {@code rate} requests per second to {@code target}, for at most {@code limit}. */
    static SteadyLoad start(URI target, int rate, Duration limit) {
        return new SteadyLoad(target, rate, limit);
    }

    private void tick() {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            skipped.incrementAndGet();
            return;
        }
        sent.incrementAndGet();
        try {
            requests.submit(() -> {
                try {
                    oneRequest();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            inFlight.decrementAndGet(); // stopping
        }
    }

    private void oneRequest() {
        int dice = ThreadLocalRandom.current().nextInt(100);
        try {
            Long id = pick();
            if (dice < 25 || id == null) {
                insert();
            } else if (dice < 45 && busy.add(id)) {
                try {
                    update(id);
                } finally {
                    busy.remove(id);
                }
            } else {
                read(id);
            }
        } catch (Exception e) {
            Throwable cause = e.getCause();
            fail(String.format(java.util.Locale.ROOT, "at %.1fs %s: %s%s", (System.nanoTime() - startedNanos) / 1e9,
                    e.getClass().getSimpleName(), e.getMessage(), cause == null ? "" : " (" + cause + ")"));
        }
    }

    private Long pick() {
        synchronized (ids) {
            return ids.isEmpty() ? null : ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        }
    }

    private void insert() throws Exception {
        String name = "user " + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        HttpResponse<String> response = send(HttpRequest.newBuilder(target.resolve("/users"))
                .POST(HttpRequest.BodyPublishers.ofString(body(name))));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            fail("POST /users: " + response.statusCode() + " " + response.body());
            return;
        }
        long id = JSON.readTree(response.body()).get("id").asLong();
        acknowledged.put(id, name);
        ids.add(id);
        writes.incrementAndGet();
        ok.incrementAndGet();
    }

    private void update(long id) throws Exception {
        String name = "renamed " + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        HttpResponse<String> response = send(HttpRequest.newBuilder(target.resolve("/users/" + id))
                .PUT(HttpRequest.BodyPublishers.ofString(body(name))));
        if (response.statusCode() != 200) {
            fail("PUT /users/" + id + ": " + response.statusCode() + " " + response.body());
            return;
        }
        acknowledged.put(id, name);
        writes.incrementAndGet();
        ok.incrementAndGet();
    }

    private void read(long id) throws Exception {
        String expected = acknowledged.get(id);
        boolean changing = busy.contains(id);
        HttpResponse<String> response = send(HttpRequest.newBuilder(target.resolve("/users/" + id)).GET());
        if (response.statusCode() != 200) {
            fail("GET /users/" + id + ": " + response.statusCode() + " " + response.body());
            return;
        }
        String actual = nameIn(JSON.readTree(response.body()));
        if (!changing && !busy.contains(id) && expected.equals(acknowledged.get(id)) && !expected.equals(actual)) {
            fail("GET /users/" + id + ": expected name '" + expected + "', read '" + actual + "'");
            return;
        }
        ok.incrementAndGet();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        return response;
    }

    private static String body(String name) {
        return JSON.createObjectNode().put("name", name).put("full_name", name).put("email", name.replace(' ', '.') + "@example.com")
                .toString();
    }

    static String nameIn(JsonNode user) {
        JsonNode name = user.has("full_name") ? user.get("full_name") : user.get("name");
        return name == null || name.isNull() ? null : name.asText();
    }

    private void fail(String what) {
        failed.incrementAndGet();
        if (failures.size() < 20) {
            failures.add(what);
        }
    }

    /** Stops sending and waits for the requests in flight. */
    synchronized void stop() {
        if (stoppedNanos != 0) {
            return;
        }
        stoppedNanos = System.nanoTime();
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            // The executor also runs the HTTP client's completions: shutting it down with requests
            // in flight would fail them here, in the load generator, not in the system under test.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(35);
            while (inFlight.get() > 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            requests.shutdown();
            requests.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long sent() {
        return sent.get();
    }

    /** Ticks not sent because {@code MAX_IN_FLIGHT} requests were already waiting. */
    long skipped() {
        return skipped.get();
    }

    long failed() {
        return failed.get();
    }

    long succeeded() {
        return ok.get();
    }

    long writes() {
        return writes.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Every row written, with the name last acknowledged for it. */
    Map<Long, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Requests sent per second over the load's life. */
    double rate() {
        long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
        return sent.get() / ((end - startedNanos) / 1e9);
    }

    /** The 99th percentile latency of the answered requests, milliseconds. */
    double p99Millis() {
        return latency.getValueAtPercentile(99) / 1000.0;
    }

    String summary() {
        return String.format(java.util.Locale.ROOT,
                "%d requests (%.0f/s), %d writes, %d not sent (%d in flight already), %d failed, p99 %.1f ms %s",
                sent(), rate(), writes(), skipped(), MAX_IN_FLIGHT, failed(), p99Millis(), failures());
    }

    @Override
    public void close() {
        stop();
    }
}
