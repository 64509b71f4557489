package dev.tuesday.balancer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The admin API's JSON bodies, one record each: {@link AdminHandler} writes them and
 * {@link AdminClient} reads them, so the wire format is stated once. Fields are only ever added,
 * and a reader ignores the ones it does not know.
 *
 * <p>A latency histogram travels as {@code latencyMicros}: HdrHistogram's compressed encoding of
 * the microseconds of every completed response, in base64. Two of them subtract exactly, so a
 * client computes the percentiles of any window between two snapshots.
 */
final class AdminWire {
    /** Reads what a newer balancer may have added without failing. */
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private AdminWire() {
    }

    /**
     * A backend, as {@code GET /backends} lists it and as the calls about one backend answer.
     * {@code p50Millis} and {@code p99Millis} are there for people reading it; programs use
     * {@code latencyMicros}.
     */
    record Backend(String id, String url, String version, int weight, String state, int inFlight, long requests,
                   long responses5xx, long connectionFailures, long timeouts, double p50Millis, double p99Millis,
                   String latencyMicros) {

        static Backend of(BackendView view) {
            TrafficStats traffic = view.traffic();
            return new Backend(view.id(), view.spec().uri().toString(), view.spec().version(), view.spec().weight(),
                    view.state().label(), view.inFlight(), traffic.requests(), traffic.responses5xx(),
                    traffic.connectionFailures(), traffic.timeouts(), traffic.latencyMillis(50), traffic.latencyMillis(99),
                    encode(traffic.latencyMicros()));
        }

        /** @throws IllegalArgumentException when a field is missing or wrong */
        BackendView view() {
            if (state == null) {
                throw new IllegalArgumentException("backend " + id + " has no state");
            }
            BackendState parsed = BackendState.valueOf(state.toUpperCase(Locale.ROOT));
            return new BackendView(new BackendSpec(id, URI.create(url), version, weight), parsed, inFlight,
                    new TrafficStats(requests, responses5xx, connectionFailures, timeouts, decode(latencyMicros)));
        }
    }

    /**
     * One version's counters, as {@code GET /versions} lists them: every request sent to its
     * backends since the balancer started, those of backends removed since included.
     */
    record Version(String version, long requests, long responses5xx, long connectionFailures, long timeouts,
                   double p50Millis, double p99Millis, String latencyMicros) {

        static Version of(String version, TrafficStats traffic) {
            return new Version(version, traffic.requests(), traffic.responses5xx(), traffic.connectionFailures(),
                    traffic.timeouts(), traffic.latencyMillis(50), traffic.latencyMillis(99), encode(traffic.latencyMicros()));
        }

        /** @throws IllegalArgumentException when the histogram is missing or not one */
        TrafficStats traffic() {
            return new TrafficStats(requests, responses5xx, connectionFailures, timeouts, decode(latencyMicros));
        }
    }

    /** The body of {@code POST /backends}; {@link AdminHandler} reads it field by field, to name a wrong one. */
    record NewBackend(String id, String url, String version, int weight) {
        static NewBackend of(BackendSpec spec) {
            return new NewBackend(spec.id(), spec.uri().toString(), spec.version(), spec.weight());
        }
    }

    /** The body of {@code PUT /backends/{id}/weight}. */
    record Weight(int weight) {
    }

    /** The body of every refusal (4xx). */
    record Refusal(String error) {
    }

    /** The body of {@code DELETE /backends/{id}}: the backend drains, then the balancer forgets it. */
    record Removing(String id, boolean removing) {
    }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** @throws IllegalArgumentException when {@code base64} is missing or not an encoded histogram */
    static Histogram decode(String base64) {
        if (base64 == null) {
            throw new IllegalArgumentException("latencyMicros is missing");
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("latencyMicros is not an encoded HdrHistogram: " + e.getMessage(), e);
        }
    }
}
