package dev.tuesday.drill;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Drill results made by hand, for tests of what is drawn and written from them. */
final class Runs {

    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    private Runs() {
    }

    /** 20 seconds at 100/s; {@code failingFrom}..{@code failingTo} fail 40 % with 5xx and stall. */
    static DrillResult sample(int failingFrom, int failingTo) {
        List<Second> timeline = new ArrayList<>();
        long failed = 0;
        for (int s = 0; s < 20; s++) {
            boolean bad = s >= failingFrom && s < failingTo;
            long f = bad ? 40 : 0;
            failed += f;
            timeline.add(new Second(s, 100, bad ? 60 : 100, f == 0 ? Map.of() : Map.of(FailureKind.SERVER_ERROR, f),
                    Duration.ofMillis(2), Duration.ofMillis(bad ? 900 : 8), Duration.ofMillis(bad ? 1100 : 12)));
        }
        Verdict v = new Verdict(2000, failed == 0 ? Map.of() : Map.of(FailureKind.SERVER_ERROR, failed),
                Duration.ofMillis(2), Duration.ofMillis(failed == 0 ? 8 : 900), Duration.ofMillis(failed == 0 ? 12 : 1100),
                failed == 0 ? FailureRun.NONE : new FailureRun(7, Duration.ofMillis(70), Duration.ofSeconds(failingFrom)),
                500, failed == 0 ? 0 : 3, 0);
        List<Span> spans = List.of(
                new Span("expand", START.plusSeconds(3), START.plusSeconds(6)),
                new Span("roll", START.plusSeconds(6), START.plusSeconds(14)),
                new Span("contract", START.plusSeconds(15), START.plusSeconds(17)));
        List<FailureSample> samples = failed == 0 ? List.of()
                : List.of(new FailureSample(Duration.ofSeconds(failingFrom), FailureKind.SERVER_ERROR, "GET /users/7", "status 500"));
        return new DrillResult(URI.create("http://127.0.0.1:8080"), "users", 100, START, Duration.ofSeconds(20),
                timeline, spans, v, samples);
    }
}
