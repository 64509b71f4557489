package dev.tuesday.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void readinessFailsUntilMarkReadyThenFollowsTheChecks() {
        AtomicBoolean up = new AtomicBoolean(true);
        MutableClock clock = new MutableClock();
        Health health = Health.configure().clock(clock)
                .readiness("db", () -> up.get() ? CheckResult.pass() : CheckResult.fail("down"))
                .build();

        assertThat(health.check(Probe.READINESS).passed()).isFalse();
        assertThat(health.check(Probe.STARTUP).passed()).isFalse();
        assertThat(health.state()).isEqualTo(HealthState.STARTING);

        health.markReady();
        assertThat(health.check(Probe.READINESS).passed()).isTrue();
        assertThat(health.check(Probe.STARTUP).passed()).isTrue();
        assertThat(health.state()).isEqualTo(HealthState.READY);

        up.set(false);
        clock.advance(Duration.ofSeconds(2));
        assertThat(health.check(Probe.READINESS).passed()).isFalse();
        assertThat(health.state()).isEqualTo(HealthState.NOT_READY);

        up.set(true);
        clock.advance(Duration.ofSeconds(2));
        assertThat(health.check(Probe.READINESS).passed()).isTrue();
        assertThat(health.state()).isEqualTo(HealthState.READY);
    }

    /**
     * When the cached report expires, the probe that recomputes waits for the checks; the probes
     * that come meanwhile answer at once with the report being replaced, not all stuck behind the
     * database.
     */
    @Test
    void whileOneProbeRecomputesTheOthersAnswerWithTheLastReport() throws Exception {
        MutableClock clock = new MutableClock();
        java.util.concurrent.CountDownLatch checking = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Health health = Health.configure().clock(clock).cacheTtl(Duration.ofSeconds(1)).checkTimeout(Duration.ofSeconds(10))
                .readiness("database", () -> {
                    if (runs.incrementAndGet() == 1) {
                        return CheckResult.pass();
                    }
                    checking.countDown();
                    release.await();
                    return CheckResult.fail("connection refused");
                })
                .build();
        health.markReady();
        assertThat(health.check(Probe.READINESS).httpStatus()).isEqualTo(200);
        clock.advance(Duration.ofMillis(1100));

        var recomputing = java.util.concurrent.CompletableFuture.supplyAsync(() -> health.check(Probe.READINESS));
        assertThat(checking.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(health.check(Probe.READINESS).httpStatus()).as("the last report, while the next is computed").isEqualTo(200);
        }
        assertThat(System.nanoTime() - started).isLessThan(Duration.ofSeconds(1).toNanos());
        release.countDown();
        assertThat(recomputing.get(5, java.util.concurrent.TimeUnit.SECONDS).httpStatus()).isEqualTo(503);
        assertThat(health.check(Probe.READINESS).httpStatus()).as("the new report from then on").isEqualTo(503);
        assertThat(runs).hasValue(2);
    }

    @Test
    void readinessIsCachedForTheTtl() {
        AtomicInteger runs = new AtomicInteger();
        MutableClock clock = new MutableClock();
        Health health = Health.configure().clock(clock).cacheTtl(Duration.ofSeconds(1))
                .readiness("counted", () -> {
                    runs.incrementAndGet();
                    return CheckResult.pass();
                })
                .build();
        health.markReady();
        for (int i = 0; i < 100; i++) {
            health.check(Probe.READINESS);
        }
        assertThat(runs).hasValue(1);
        clock.advance(Duration.ofMillis(1100));
        health.check(Probe.READINESS);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aCheckThatThrowsFailsWithItsTypeAndNoStackTrace() {
        Health health = Health.configure()
                .readiness("boom", () -> {
                    throw new IllegalStateException("cannot reach jdbc:postgresql://app:s3cret@db/x?password=s3cret\n\tat x.y");
                })
                .build();
        health.markReady();
        HealthReport report = health.check(Probe.READINESS);
        assertThat(report.passed()).isFalse();
        String json = report.toJson(true);
        assertThat(json).contains("IllegalStateException").doesNotContain("s3cret").doesNotContain("at x.y");
        assertThat(report.toJson(false)).isEqualTo("{\"status\":\"fail\"}");
    }

    @Test
    void aCheckThatHangsFailsWithinItsTimeoutAndLaterProbesDoNotPileUpThreads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        MutableClock clock = new MutableClock();
        Health health = Health.configure().clock(clock).cacheTtl(Duration.ZERO)
                .readiness("hangs", () -> {
                    started.incrementAndGet();
                    release.await();
                    return CheckResult.pass();
                }, Duration.ofMillis(300))
                .build();
        health.markReady();

        long t0 = System.nanoTime();
        HealthReport first = health.check(Probe.READINESS);
        long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(first.passed()).isFalse();
        assertThat(first.checks().get(0).result().text()).contains("timed out after 300ms");
        assertThat(firstMs).isBetween(250L, 1000L);

        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            assertThat(health.check(Probe.READINESS).passed()).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t)).isLessThan(100);
        }
        assertThat(started).hasValue(1);

        release.countDown();
        Thread.sleep(50);
        assertThat(health.check(Probe.READINESS).passed()).isTrue();
    }

    @Test
    void livenessIgnoresReadinessChecksAndTheDrain() {
        Health health = Health.configure().drainDelay(Duration.ZERO)
                .readiness("db", () -> CheckResult.fail("down"))
                .liveness("deadlocks", Checks.deadlocks())
                .build();
        assertThat(health.check(Probe.LIVENESS).passed()).isTrue();
        health.markReady();
        assertThat(health.check(Probe.READINESS).passed()).isFalse();
        assertThat(health.check(Probe.LIVENESS).passed()).isTrue();
        health.drain();
        assertThat(health.state()).isEqualTo(HealthState.STOPPED);
        assertThat(health.check(Probe.LIVENESS).passed()).isTrue();
        assertThat(health.check(Probe.READINESS).passed()).isFalse();
    }

    @Test
    void deadlockedThreadsFailLiveness() throws Exception {
        Object a = new Object();
        Object b = new Object();
        CountDownLatch both = new CountDownLatch(2);
        Thread t1 = lockBoth(a, b, both, "deadlock-1");
        Thread t2 = lockBoth(b, a, both, "deadlock-2");
        Health health = Health.configure().cacheTtl(Duration.ZERO).liveness("deadlocks", Checks.deadlocks()).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        HealthReport report = health.check(Probe.LIVENESS);
        while (report.passed() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            report = health.check(Probe.LIVENESS);
        }
        assertThat(report.passed()).isFalse();
        assertThat(report.toJson(true)).contains("deadlocked threads").contains("deadlock-1");
        assertThat(t1.isAlive() && t2.isAlive()).isTrue();
    }

    private static Thread lockBoth(Object first, Object second, CountDownLatch both, String name) {
        Thread t = new Thread(() -> {
            synchronized (first) {
                both.countDown();
                try {
                    both.await();
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (second) {
                    both.countDown();
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void drainFailsReadinessAtOnceAndWaitsForRequestsInFlight() throws Exception {
        Health health = Health.configure().drainDelay(Duration.ofMillis(300)).drainTimeout(Duration.ofSeconds(5)).build();
        health.markReady();
        InFlight inFlight = new InFlight(health);
        AtomicBoolean accepting = new AtomicBoolean(true);
        health.addDrainTarget(new DrainTarget() {
            @Override
            public void stopAccepting() {
                accepting.set(false);
            }

            @Override
            public long inFlight() {
                return inFlight.current();
            }

            @Override
            public void stop(Duration grace) {
            }
        });
        AtomicBoolean closed = new AtomicBoolean();
        health.onStopped(() -> closed.set(true));
        assertThat(inFlight.enter()).isFalse();

        Thread drainer = new Thread(health::drain);
        long t0 = System.nanoTime();
        drainer.start();
        Thread.sleep(50);
        assertThat(health.check(Probe.READINESS).passed()).isFalse();
        assertThat(inFlight.enter()).as("a request during the drain gets Connection: close").isTrue();
        inFlight.exit();
        Thread.sleep(500);
        assertThat(accepting).isFalse();
        assertThat(drainer.isAlive()).as("waits for the request in flight").isTrue();
        inFlight.exit();
        drainer.join(2000);
        assertThat(drainer.isAlive()).isFalse();
        assertThat(health.state()).isEqualTo(HealthState.STOPPED);
        assertThat(closed).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2000);
    }

    @Test
    void settingsAreValidatedOnceWithTheSettingNamed() {
        assertThatThrownBy(() -> Health.configure().drainDelay(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drainDelay");
        assertThatThrownBy(() -> Health.configure().checkTimeout(Duration.ZERO).build())
                .hasMessageContaining("checkTimeout");
        assertThatThrownBy(() -> Health.configure().readiness("db", CheckResult::pass).readiness("db", CheckResult::pass).build())
                .hasMessageContaining("'db'").hasMessageContaining("twice");
    }
}
