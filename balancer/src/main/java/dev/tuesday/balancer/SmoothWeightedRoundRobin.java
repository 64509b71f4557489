package dev.tuesday.balancer;

import java.util.List;
import java.util.function.Predicate;

/**
 * Smooth weighted round-robin, as nginx does it: on each pick every eligible candidate's running
 * score grows by its weight, the highest score wins and loses the sum of the eligible weights.
 * Weights 5/1/1 give a a b a c a a (spread out) rather than a a a a a b c (bursts), and the
 * long-run shares are exactly the weights. Candidates that are not eligible keep their score, so
 * a backend coming back does not receive a burst. Not thread-safe: callers hold a lock.
 */
final class SmoothWeightedRoundRobin {

    /** A candidate: its weight (0 never wins) and its running score. */
    interface Candidate {
        int weight();

        long score();

        void score(long score);
    }

    private SmoothWeightedRoundRobin() {
    }

    /** The next candidate among those {@code eligible}, or {@code null} when none is eligible. */
    static <T extends Candidate> T pick(List<T> candidates, Predicate<? super T> eligible) {
        long total = 0;
        T best = null;
        for (T candidate : candidates) {
            int weight = candidate.weight();
            if (weight <= 0 || !eligible.test(candidate)) {
                continue;
            }
            candidate.score(candidate.score() + weight);
            total += weight;
            if (best == null || candidate.score() > best.score()) {
                best = candidate;
            }
        }
        if (best != null) {
            best.score(best.score() - total);
        }
        return best;
    }
}
