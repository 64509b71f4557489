package dev.tuesday.balancer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Cuts a client connection whose request head is not complete {@code timeout} after its first
 * byte ({@link BalancerConfig#headerTimeout()}). Jetty's idle timeout does not: a client that
 * sends one byte every few seconds is never idle.
 *
 * <p>A connection is <em>waiting</em> from its opening, and again from the end of each exchange,
 * until the handler receives its next request (Jetty calls the handler once the head is parsed).
 * While it waits, it is looked at every quarter of the timeout: once Jetty has read bytes on it
 * (its byte count grew), the head has begun; if no request reached the handler a timeout after
 * that was first seen, the connection is closed. So the cut comes between one timeout and one and
 * a half after the first byte. A connection that waits without a byte is left to the idle timeout.
 */
final class HeadDeadline extends Handler.Wrapper implements Connection.Listener {
    private final Scheduler scheduler;
    private final long timeoutNanos;
    private final long stepMillis;
    private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();

    HeadDeadline(Scheduler scheduler, Duration timeout, Handler handler) {
        super(handler);
        this.scheduler = scheduler;
        this.timeoutNanos = timeout.toNanos();
        this.stepMillis = Math.max(10, timeout.toMillis() / 4);
    }

    @Override
    public void onOpened(Connection connection) {
        Watch watch = new Watch(connection);
        watches.put(connection, watch);
        watch.waiting();
    }

    @Override
    public void onClosed(Connection connection) {
        Watch watch = watches.remove(connection);
        if (watch != null) {
            watch.stop();
        }
    }

    /** The head of {@code request} is complete; once its exchange is over, the connection waits again. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Watch watch = watches.get(request.getConnectionMetaData().getConnection());
        if (watch == null) {
            return super.handle(request, response, callback);
        }
        watch.stop();
        // Waiting again before the callback completes: Jetty reads the next request after it.
        return super.handle(request, response, new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                watch.waiting();
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                watch.waiting();
                super.failed(x);
            }
        });
    }

    /** The connections watched now; for tests in this package. */
    int watched() {
        return watches.size();
    }

    private final class Watch implements Runnable {
        private final Connection connection;
        private Scheduler.Task task;
        private long bytesBefore;
        private long firstSeenNanos;
        private boolean waiting;

        Watch(Connection connection) {
            this.connection = connection;
        }

        synchronized void waiting() {
            waiting = true;
            bytesBefore = connection.getBytesIn();
            firstSeenNanos = 0;
            schedule();
        }

        synchronized void stop() {
            waiting = false;
            if (task != null) {
                task.cancel();
                task = null;
            }
        }

        @Override
        public void run() {
            synchronized (this) {
                if (!waiting) {
                    return;
                }
                long now = System.nanoTime();
                if (firstSeenNanos == 0 && connection.getBytesIn() > bytesBefore) {
                    firstSeenNanos = now;
                }
                if (firstSeenNanos == 0 || now - firstSeenNanos < timeoutNanos) {
                    schedule();
                    return;
                }
                waiting = false;
            }
            connection.close(); // outside the lock: closing calls onClosed, which stops this watch
        }

        private void schedule() {
            if (task != null) {
                task.cancel();
            }
            task = scheduler.schedule(this, stepMillis, TimeUnit.MILLISECONDS);
        }
    }
}
