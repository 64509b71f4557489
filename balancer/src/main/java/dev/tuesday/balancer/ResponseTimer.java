package dev.tuesday.balancer;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * The response timeouts of one event loop's attempts, on one scheduled task instead of one per
 * request: scheduling and cancelling a task per request was a measurable part of the balancer's
 * CPU per request (a priority queue insert and removal, a task and a promise each time).
 *
 * <p>Every attempt has the same timeout, so the order attempts start in is also the order their
 * deadlines come in: the entries are a list in start order, an attempt that ends unlinks itself,
 * and the task wakes at the first deadline, expires every entry whose time is up, and sleeps until
 * the next one. A busy loop wakes about once per timeout. Touched on its loop only.
 */
final class ResponseTimer {
    /** Something with a response deadline: one attempt. Linked into one timer's list at most. */
    abstract static class Entry {
        private Entry previous;
        private Entry next;
        private long deadlineNanos;
        private boolean linked;

        /** Runs on the loop when the deadline passed before {@link #stop(Entry)}. */
        abstract void timedOut();
    }

    private final EventLoop loop;
    private final long timeoutNanos;
    private Entry first;
    private Entry last;
    private boolean scheduled;

    ResponseTimer(EventLoop loop, long timeoutNanos) {
        this.loop = loop;
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts {@code entry}'s clock: it times out one response timeout from now unless stopped. */
    void start(Entry entry) {
        entry.deadlineNanos = System.nanoTime() + timeoutNanos;
        entry.previous = last;
        entry.next = null;
        entry.linked = true;
        if (last == null) {
            first = entry;
        } else {
            last.next = entry;
        }
        last = entry;
        if (!scheduled) {
            loop.schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
            scheduled = true; // after: a loop shutting down refuses the task, and the next start tries again
        }
    }

    /** Stops {@code entry}'s clock; does nothing when it is not running. */
    void stop(Entry entry) {
        if (!entry.linked) {
            return;
        }
        entry.linked = false;
        if (entry.previous == null) {
            first = entry.next;
        } else {
            entry.previous.next = entry.next;
        }
        if (entry.next == null) {
            last = entry.previous;
        } else {
            entry.next.previous = entry.previous;
        }
        entry.previous = null;
        entry.next = null;
    }

    private void expire() {
        // Still marked scheduled meanwhile: an entry started by a timed-out one (a retry) must not
        // schedule a wake-up at its own deadline, later than the first one left in the list.
        long now = System.nanoTime();
        while (first != null && first.deadlineNanos - now <= 0) {
            Entry due = first;
            stop(due);
            due.timedOut();
        }
        if (first == null) {
            scheduled = false;
        } else {
            loop.schedule(this::expire, first.deadlineNanos - now, TimeUnit.NANOSECONDS);
        }
    }
}
