package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one-task-per-loop response timer, on a real Netty event loop. */
class ResponseTimerTest {
    private static final long TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private final EventLoop loop = new DefaultEventLoop();
    private final ResponseTimer timer = new ResponseTimer(loop, TIMEOUT_NANOS);
    private final List<String> timedOut = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private final class Named extends ResponseTimer.Entry {
        final String name;
        final long startNanos = System.nanoTime();
        long timedOutAfterNanos;
        Runnable then = () -> { };

        Named(String name) {
            this.name = name;
        }

        @Override
        void timedOut() {
            timedOutAfterNanos = System.nanoTime() - startNanos;
            timedOut.add(name);
            then.run();
        }
    }

    private void onLoop(Runnable action) throws Exception {
        loop.submit(action).get(1, TimeUnit.SECONDS);
    }

    @Test
    void expiresEntriesThatAreNotStoppedInTheOrderTheyStarted() throws Exception {
        Named a = new Named("a");
        Named b = new Named("b");
        Named c = new Named("c");
        onLoop(() -> {
            timer.start(a);
            timer.start(b);
            timer.start(c);
        });
        onLoop(() -> timer.stop(b));

        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS) * 3);

        assertThat(timedOut).containsExactly("a", "c");
        assertThat(a.timedOutAfterNanos).isGreaterThanOrEqualTo(TIMEOUT_NANOS);
    }

    @Test
    void stoppingTwiceOrAfterTheTimeoutChangesNothing() throws Exception {
        Named a = new Named("a");
        Named b = new Named("b");
        onLoop(() -> {
            timer.start(a);
            timer.stop(a);
            timer.stop(a);
            timer.start(b);
        });
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS) * 2);
        onLoop(() -> timer.stop(b));

        assertThat(timedOut).containsExactly("b");
    }

    @Test
    void anEntryStartedByATimedOutOneGetsItsWholeTimeoutAndTheOthersKeepTheirs() throws Exception {
        CountDownLatch retried = new CountDownLatch(1);
        Named retry = new Named("retry");
        retry.then = retried::countDown;
        Named first = new Named("first");
        first.then = () -> timer.start(retry);
        Named second = new Named("second");
        onLoop(() -> {
            timer.start(first);
            timer.start(second);
        });

        assertThat(retried.await(2, TimeUnit.SECONDS)).isTrue();

        assertThat(timedOut).containsExactly("first", "second", "retry");
        assertThat(retry.timedOutAfterNanos).isGreaterThanOrEqualTo(TIMEOUT_NANOS);
        assertThat(second.timedOutAfterNanos).isLessThan(TIMEOUT_NANOS * 3 / 2); // not a whole timeout more, after the retry started
    }

    @Test
    void wakesAgainForEntriesStartedAfterTheListEmptied() throws Exception {
        Named early = new Named("early");
        onLoop(() -> timer.start(early));
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS) * 2);
        Named late = new Named("late");
        onLoop(() -> timer.start(late));
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS) * 2);

        assertThat(timedOut).containsExactly("early", "late");
        assertThat(late.timedOutAfterNanos).isGreaterThanOrEqualTo(TIMEOUT_NANOS);
    }
}
