package dev.tuesday.drill;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The drill's HTTP client: the JDK's, used synchronously from one virtual thread per request,
 * and the mapping from what went wrong to a {@link FailureKind}.
 *
 * <p>Every request carries the drill's timeout, so a request never outlives it by much; the
 * connect timeout is the same. HTTP/1.1 only: the services a drill aims at speak it, and HTTP/2
 * upgrade attempts would blur what a connection failure means.
 */
final class Http implements AutoCloseable {

    /** The most requests {@link #warmUp} sends. */
    static final int WARM_UP_REQUESTS = 100;
    /** The header that marks warm-up requests, so a service or a test can tell them apart. */
    static final String WARM_UP_HEADER = "X-Tuesday-Drill-Warm-Up";

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final Duration timeout;

    Http(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    Reply get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    Reply post(URI uri, String json) {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Reply put(URI uri, String json) {
        return send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    /**
     * Sends a few GETs to {@code target}, one after the other, until {@code budget} is spent or
     * a hundred were answered; their outcome does not matter and is not recorded.
     */
    void warmUp(URI target, Duration budget) {
        long end = System.nanoTime() + budget.toNanos();
        for (int answered = 0; answered < WARM_UP_REQUESTS && System.nanoTime() < end; ) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime()));
            try {
                client.send(HttpRequest.newBuilder(target).timeout(left).header(WARM_UP_HEADER, "1").GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                answered++;
            } catch (IOException e) {
                return; // nothing answers yet: the drill itself will count that
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(
                    request.timeout(timeout).header("Accept", "application/json").header("User-Agent", "tuesday-drill").build(),
                    HttpResponse.BodyHandlers.ofString());
            return Reply.answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            // Only the end of the drill interrupts a request: it never got its answer.
            Thread.currentThread().interrupt();
            return Reply.failure(FailureKind.UNFINISHED, "still waiting when the drill ended");
        } catch (IOException e) {
            return Reply.failure(kindOf(e), describe(e));
        } catch (RuntimeException e) {
            // The client reports some protocol violations as unchecked exceptions; they are the
            // service's fault as seen by a user, so they count, with their text kept.
            return Reply.failure(FailureKind.OTHER, describe(e));
        }
    }

    /** Refused when nobody listens, timeout when nothing came in time, reset for a broken connection. */
    static FailureKind kindOf(IOException e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
            return FailureKind.TIMEOUT;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return FailureKind.REFUSED;
            }
            if (t instanceof HttpTimeoutException) {
                return FailureKind.TIMEOUT;
            }
        }
        // Everything else that is an I/O failure is a connection that broke under the request:
        // reset by the peer, closed before the answer (EOF, "header parser received no bytes"),
        // or a channel closed under us.
        return FailureKind.RESET;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof ClosedChannelException)) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (root != e) {
            text += " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    @Override
    public void close() {
        client.shutdownNow();
        executor.shutdownNow();
    }
}
