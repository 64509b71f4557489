package dev.tuesday.drill;

import java.time.Duration;
import java.util.Locale;

/** Durations shown as milliseconds, the unit of every latency Tuesday prints. */
final class Millis {

    private Millis() {
    }

    /** Milliseconds with up to one decimal. */
    static double of(Duration d) {
        return Math.round(d.toNanos() / 100_000.0) / 10.0;
    }

    /** For example {@code 12.3 ms} or {@code 1 204 ms}. */
    static String format(Duration d) {
        double ms = of(d);
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%,d ms", Math.round(ms)).replace(',', ' ');
        }
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
