package dev.tuesday.balancer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all request bodies held at once may take ({@link BalancerConfig#maxBufferedBodyBytes()}):
 * a body is read only as far as the budget lets it, and gives its bytes back when its exchange ends.
 */
final class BodyBudget {
    private final long max;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long max) {
        this.max = max;
    }

    /** Takes {@code bytes} from the budget; {@code false} when they do not fit now. */
    boolean tryReserve(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > max) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long max() {
        return max;
    }
}
