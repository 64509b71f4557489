import dev.tuesday.health.CheckResult;
import dev.tuesday.health.Health;
import dev.tuesday.health.InFlight;
import dev.tuesday.health.ProbeAnswer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process side of bench/health/run.sh, less sensitive than HTTP figures to a busy machine:
 * <ol>
 *   <li>the server-side cost of a cached {@code /readyz} answer ({@link ProbeAnswer#answer}, JSON
 *       bytes included), per call: p50, p99, p99.9;</li>
 *   <li>the cost of in-flight tracking ({@link InFlight#enter()} + {@link InFlight#exit()}) per
 *       request, on 1 and 2 threads, against the same loop without it.</li>
 * </ol>
 */
public final class HealthMicroBench {

    private static volatile long sink;

    public static void main(String[] args) throws Exception {
        Health health = Health.configure()
                .cacheTtl(Duration.ofSeconds(1))
                .readiness("database", () -> {
                    Thread.sleep(1); // about what a validity check on loopback costs
                    return CheckResult.pass();
                })
                .build();
        health.markReady();

        int calls = 1_000_000;
        long[] nanos = new long[calls];
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                ProbeAnswer a = ProbeAnswer.answer(health, "/readyz", null, null, false).orElseThrow();
                nanos[i] = System.nanoTime() - t0;
                sink += a.status();
            }
        }
        Arrays.sort(nanos);
        System.out.printf("cached /readyz answer in process (%d calls, including the refresh each second):"
                + " p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.1f ms%n", calls,
                nanos[calls / 2] / 1e3, nanos[(int) (calls * 0.99)] / 1e3, nanos[(int) (calls * 0.999)] / 1e3,
                nanos[calls - 1] / 1e6);

        InFlight inFlight = new InFlight(health);
        for (int threads = 1; threads <= 2; threads++) {
            double without = perOp(threads, false, inFlight);
            double with = perOp(threads, true, inFlight);
            System.out.printf("in-flight tracking, %d thread(s): %.1f ns/request without, %.1f ns/request with,"
                    + " cost %.1f ns%n", threads, without, with, with - without);
        }
    }

    /** Nanoseconds per simulated request (a small piece of work), with or without tracking. */
    private static double perOp(int threads, boolean tracked, InFlight inFlight) throws InterruptedException {
        int ops = 20_000_000;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            CountDownLatch done = new CountDownLatch(threads);
            AtomicLong total = new AtomicLong();
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread.ofPlatform().start(() -> {
                    long acc = 0;
                    for (int i = 0; i < ops; i++) {
                        if (tracked) {
                            boolean close = inFlight.enter();
                            acc += close ? 1 : i & 7;
                            inFlight.exit();
                        } else {
                            acc += i & 7;
                        }
                    }
                    total.addAndGet(acc);
                    done.countDown();
                });
            }
            done.await();
            sink += total.get();
            best = Math.min(best, (System.nanoTime() - t0) / (double) ops);
        }
        return best;
    }
}
