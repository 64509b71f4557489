package dev.tuesday.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A probe that waits for a slow check holds no monitor while it waits: on JDK 21 a virtual thread
 * blocked inside {@code synchronized} pins its carrier thread, so a few slow probes would stall
 * every virtual thread of the application. One run of the checks serves every waiting probe.
 */
class ProbeLockTest {

    @Test
    void aProbeWaitingForASlowCheckHoldsNoMonitor() throws Exception {
        for (Probe probe : List.of(Probe.READINESS, Probe.LIVENESS)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            Health health = Health.configure()
                    .check(probe, "slow", () -> {
                        running.countDown();
                        release.await();
                        return CheckResult.pass();
                    }, Duration.ofSeconds(30))
                    .build();
            health.markReady();
            Thread prober = Thread.ofPlatform().start(() -> health.check(probe));
            try {
                assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                ThreadInfo info = awaitWaiting(threads, prober);
                assertThat(info.getLockedMonitors()).as("monitors held by a %s probe waiting for its check", probe).isEmpty();
            } finally {
                release.countDown();
                prober.join(10_000);
            }
        }
    }

    @Test
    void probesArrivingWhileTheChecksRunShareOneRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Health health = Health.configure()
                .readiness("slow", () -> {
                    runs.incrementAndGet();
                    release.await();
                    return CheckResult.pass();
                }, Duration.ofSeconds(30))
                .build();
        health.markReady();
        List<Thread> probes = new ArrayList<>();
        List<HealthReport> reports = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 50; i++) {
            probes.add(Thread.ofVirtual().start(() -> reports.add(health.check(Probe.READINESS))));
        }
        Thread.sleep(300);
        release.countDown();
        for (Thread t : probes) {
            t.join(10_000);
        }
        assertThat(reports).hasSize(50).allSatisfy(report -> assertThat(report.httpStatus()).isEqualTo(200));
        assertThat(runs.get()).isEqualTo(1);
    }

    private static ThreadInfo awaitWaiting(ThreadMXBean threads, Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            ThreadInfo info = threads.getThreadInfo(new long[] {thread.threadId()}, true, false)[0];
            Thread.State state = info.getThreadState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || System.nanoTime() > deadline) {
                return info;
            }
            Thread.sleep(10);
        }
    }
}
