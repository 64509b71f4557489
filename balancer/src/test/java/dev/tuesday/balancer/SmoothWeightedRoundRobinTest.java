package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmoothWeightedRoundRobinTest {

    static final class Slot implements SmoothWeightedRoundRobin.Candidate {
        final String name;
        int weight;
        long score;
        boolean eligible = true;

        Slot(String name, int weight) {
            this.name = name;
            this.weight = weight;
        }

        @Override
        public int weight() {
            return weight;
        }

        @Override
        public long score() {
            return score;
        }

        @Override
        public void score(long score) {
            this.score = score;
        }
    }

    private static String sequence(List<Slot> slots, int picks) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < picks; i++) {
            Slot slot = SmoothWeightedRoundRobin.pick(slots, s -> s.eligible);
            out.append(slot == null ? "-" : slot.name);
        }
        return out.toString();
    }

    @Test
    void spreadsPicksInsteadOfSendingBursts() {
        List<Slot> slots = List.of(new Slot("a", 5), new Slot("b", 1), new Slot("c", 1));
        assertThat(sequence(slots, 7)).isEqualTo("aabacaa");
    }

    @Test
    void givesEachCandidateExactlyItsShareOverAFullCycle() {
        List<Slot> slots = List.of(new Slot("a", 90), new Slot("b", 10));
        Map<String, Integer> counts = new HashMap<>();
        for (char c : sequence(slots, 1000).toCharArray()) {
            counts.merge(String.valueOf(c), 1, Integer::sum);
        }
        assertThat(counts).containsEntry("a", 900).containsEntry("b", 100);
    }

    @Test
    void neverPicksAZeroWeightOrIneligibleCandidate() {
        Slot zero = new Slot("z", 0);
        Slot out = new Slot("o", 50);
        out.eligible = false;
        List<Slot> slots = List.of(new Slot("a", 1), zero, out);
        assertThat(sequence(slots, 5)).isEqualTo("aaaaa");
    }

    @Test
    void returnsNothingWhenNoCandidateIsEligible() {
        Slot only = new Slot("a", 3);
        only.eligible = false;
        assertThat(sequence(new ArrayList<>(List.of(only)), 2)).isEqualTo("--");
    }
}
