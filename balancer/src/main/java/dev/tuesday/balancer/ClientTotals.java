package dev.tuesday.balancer;

import java.util.concurrent.atomic.LongAdder;

/** Balancer-wide counters: what clients asked for, what failed for them, how often we retried. */
final class ClientTotals {
    final LongAdder requests = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder retries = new LongAdder();
}
