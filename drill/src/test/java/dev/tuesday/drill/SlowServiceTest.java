package dev.tuesday.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** A slow service: no request ends up uncounted, and no answer past the timeout counts as a success. */
class SlowServiceTest {

    @Test
    void aGoodAnswerThatCamePastTheTimeoutCountsAsTimeout() throws Exception {
        // Each answer takes 250 ms, under the 600 ms timeout; but one request at a time may be in
        // flight, so the later ones wait for a slot and are answered well after they were due.
        try (TestService server = new TestService((method, path, query, body) -> {
            Thread.sleep(250);
            return new TestService.Answer(200, "");
        })) {
            Verdict v = Drill.configure().target(server.uri()).rate(10).duration(Duration.ofSeconds(1))
                    .timeout(Duration.ofMillis(600)).maxInFlight(1).build().run().verdict();

            assertThat(v.requests()).isEqualTo(10);
            assertThat(v.max()).isGreaterThan(Duration.ofMillis(600));
            assertThat(v.failed().keySet()).containsExactly(FailureKind.TIMEOUT);
            // The first few are answered in time; from about the fourth on, each waited too long.
            assertThat(v.failed(FailureKind.TIMEOUT)).isBetween(4L, 9L);
            assertThat(v.clean()).isFalse();
        }
    }

    @Test
    void requestsStillRunningWhenTheDrillEndsCountAsUnfinished() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        try (TestService server = stalling(end)) {
            DrillResult result = Drill.configure().target(server.uri()).rate(4).duration(Duration.ofSeconds(1))
                    .timeout(Duration.ofMillis(500)).build().run();
            Verdict v = result.verdict();

            assertThat(v.requests()).isEqualTo(4);
            assertThat(v.failed()).containsExactly(Map.entry(FailureKind.UNFINISHED, 4L));
            assertThat(v.clean()).isFalse();
            assertThat(result.timeline().stream().mapToLong(s -> s.failed().getOrDefault(FailureKind.UNFINISHED, 0L)).sum())
                    .isEqualTo(4);
        } finally {
            end.countDown();
        }
    }

    /** Sends the status line, headers and the first byte of a 1000-byte body, then nothing until {@code end}. */
    private static TestService stalling(CountDownLatch end) throws Exception {
        return TestService.handling((request, response, callback) -> {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 1000);
            response.write(false, ByteBuffer.wrap(new byte[] {'x'}), Callback.NOOP);
            end.await(60, TimeUnit.SECONDS);
            callback.failed(new IllegalStateException("test over"));
        });
    }
}
