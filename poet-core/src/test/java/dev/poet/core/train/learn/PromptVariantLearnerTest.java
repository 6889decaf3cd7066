package dev.poet.core.train.learn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.poet.core.train.TrainedMethod;
import dev.poet.core.train.evidence.Detections;
import dev.poet.core.train.evidence.Evidence;
import dev.poet.core.train.evidence.Latency;
import dev.poet.core.train.evidence.VariantFeedback;
import dev.poet.core.train.learned.ParamBounds;
import dev.poet.runtime.params.Params;

import static org.assertj.core.api.Assertions.assertThat;

class PromptVariantLearnerTest {

    final PromptVariantLearner learner = new PromptVariantLearner();

    static Evidence evidence(Map<Integer, VariantFeedback> variants) {
        return new Evidence("k", 0, 1, 100, 100, 0, 0, Map.of(1, 100L), Map.of(), 0, 0, Latency.NONE, Latency.NONE,
                0, 0, Double.NaN, Double.NaN, Detections.NONE, 100, Map.of(), List.of(), variants);
    }

    static LearnerInput input(int current, Map<Integer, VariantFeedback> variants, String... explicit) {
        Map<String, Object> p = new HashMap<>();
        p.put(PromptVariantLearner.KEY, current);
        TrainedMethod m = new TrainedMethod("k", "M.m", "llm_ops", "quality", "v1", p, Set.of(explicit),
                Params.of(p));
        return new LearnerInput(m, Params.of(p), evidence(variants), ParamBounds.defaults());
    }

    static VariantFeedback f(long scored, double mean) {
        return new VariantFeedback(scored, scored, scored * mean);
    }

    @Test
    void fromTheRotationTheBestJudgedVariantIsChosen() {
        Optional<Proposal> p = learner.propose(input(-1, Map.of(0, f(30, 0.3), 1, f(30, 0.8), 2, f(30, 0.5),
                3, f(4, 1.0))));
        assertThat(p).isPresent();
        assertThat(p.get().values()).containsEntry(PromptVariantLearner.KEY, 1);
    }

    @Test
    void aFewLuckyExplorationsDoNotFlipTheChoiceButAClearlyBetterVariantDoes() {
        assertThat(learner.propose(input(1, Map.of(1, f(90, 0.72), 2, f(6, 0.83))))).isEmpty();
        Optional<Proposal> p = learner.propose(input(1, Map.of(1, f(90, 0.3), 2, f(6, 0.85))));
        assertThat(p).isPresent();
        assertThat(p.get().values()).containsEntry(PromptVariantLearner.KEY, 2);
    }

    @Test
    void nothingIsProposedWithoutJudgedVariantsOrForAKeyTheUserSet() {
        assertThat(learner.propose(input(-1, Map.of(0, f(4, 1.0), VariantFeedback.UNKNOWN_VARIANT, f(50, 0.9)))))
                .isEmpty();
        assertThat(learner.propose(input(0, Map.of(0, f(30, 0.1), 1, f(30, 0.9)), PromptVariantLearner.KEY)))
                .isEmpty();
    }

    @Test
    void feedbackScores() {
        assertThat(VariantFeedback.score(Map.of("score", 1.7))).isEqualTo(1.0);
        assertThat(VariantFeedback.score(Map.of("rating", 4))).isEqualTo(0.75);
        assertThat(VariantFeedback.score(Map.of("label", "Thumbs_Down"))).isEqualTo(0.0);
        assertThat(VariantFeedback.score(Map.of("label", "positive"))).isEqualTo(1.0);
        assertThat(VariantFeedback.score(Map.of("success", true))).isEqualTo(1.0);
        assertThat(VariantFeedback.score(Map.of("label", "false_positive"))).isNull();
    }
}
