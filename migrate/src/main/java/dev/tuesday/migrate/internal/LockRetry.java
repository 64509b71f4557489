package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.LockTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one rule for waiting on a lock: work that gave up with {@code lock_not_available} (its
 * {@code lock_timeout} ran out rather than queueing in front of the application) is tried again
 * after an exponential backoff with jitter, so several waiting migrators do not retry in step,
 * until {@code maxLockAttempts} or the retry deadline runs out. Used by every DDL step, every
 * backfill batch and the read of what stands on the columns a migration replaces.
 */
final class LockRetry {

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private LockRetry() {
    }

    /** One attempt; it must leave the connection as it found it when it fails (rolled back). */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws SQLException;
    }

    /**
     * The result of the first attempt of {@code work} that does not time out on a lock.
     *
     * @param description what the work does, for progress lines and the timeout's message
     * @throws SQLException the failure of an attempt, when it is not a lock timeout
     * @throws LockTimeoutException when the attempts or the retry deadline ran out
     */
    static <T> T run(Settings settings, String migration, String description, Attempt<T> work) throws SQLException {
        Instant first = settings.clock().instant();
        Instant deadline = first.plus(settings.lockRetryDeadline());
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run();
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw e;
                }
                Instant now = settings.clock().instant();
                Duration backoff = backoff(attempt);
                if (attempt >= settings.maxLockAttempts() || now.plus(backoff).isAfter(deadline)) {
                    throw new LockTimeoutException(description, attempt, Duration.between(first, now),
                            settings.lockTimeout());
                }
                settings.report(migration, "lock not available (attempt " + attempt + "), retrying in "
                        + backoff.toMillis() + " ms");
                sleep(backoff);
            }
        }
    }

    private static Duration backoff(int attempt) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10));
        // "Equal jitter": at least half the backoff, so retries spread out but never come at once.
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry after a lock timeout", e);
        }
    }
}
