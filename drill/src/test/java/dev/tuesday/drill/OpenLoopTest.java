package dev.tuesday.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Requests leave on schedule whatever the answers, and a stall is charged to every request
 * scheduled during it, from its scheduled time (no coordinated omission).
 */
class OpenLoopTest {

    @Test
    void chargesAOneSecondStallToEveryRequestScheduledDuringIt() throws Exception {
        AtomicLong stallFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong stallUntil = new AtomicLong(Long.MAX_VALUE);
        try (TestService server = new TestService((method, path, query, body) -> {
            long now = System.nanoTime();
            if (now >= stallFrom.get() && now < stallUntil.get()) {
                Thread.sleep(Duration.ofNanos(stallUntil.get() - now));
            }
            return new TestService.Answer(204, "");
        })) {
            Drill drill = Drill.configure().target(server.uri())
                    .rate(100).duration(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(10)).build();
            RunningDrill running = drill.start();
            // The service freezes from 2 s to 3 s after the drill's start: whatever arrives then
            // is held until 3 s.
            long start = System.nanoTime() + Duration.between(java.time.Instant.now(), running.started()).toNanos();
            stallFrom.set(start + Duration.ofSeconds(2).toNanos());
            stallUntil.set(start + Duration.ofSeconds(3).toNanos());
            DrillResult result = running.await();

            List<Second> t = result.timeline();
            assertThat(result.verdict().requests()).isEqualTo(500);
            assertThat(result.verdict().failed()).isEmpty();
            assertThat(t.get(2).sent()).as("the schedule does not slow down during the stall").isEqualTo(100);
            assertThat(t.get(3).sent()).isEqualTo(100);
            // Scheduled evenly across the stall, requests waited from ~1 s down to ~0 s: about
            // 0.5 s in the median, nearly 1 s at the top, all counted from their scheduled time.
            assertThat(t.get(2).p50()).isGreaterThan(Duration.ofMillis(350));
            assertThat(t.get(2).p99()).isGreaterThan(Duration.ofMillis(850));
            assertThat(result.verdict().max()).isGreaterThan(Duration.ofMillis(900));
            assertThat(result.verdict().p99()).as("a fifth of all requests waited on the stall").isGreaterThan(Duration.ofMillis(700));
            assertThat(t.get(0).p50()).as("before the stall").isLessThan(Duration.ofMillis(350));
        }
    }
}
