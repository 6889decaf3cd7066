package dev.poet.core.train.regen;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.train.Objective;

import static dev.poet.core.train.regen.ReplayFixtures.executions;
import static dev.poet.core.train.regen.ReplayFixtures.labelled;
import static dev.poet.core.train.regen.ReplayFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Replay of 40 recorded detections (real drift above psi 0.6) through versions that differ in their threshold. */
class ReplayEvaluatorTest {

    private final ReplayEvaluator evaluator = new ReplayEvaluator();
    /** The running version alerts above 0.2: 15 true positives, 16 false, 9 true negatives. */
    private final ReplayTarget current = target("v1", 0.2);
    private final List<LabelledExecution> samples = labelled(executions(40, 0.2));

    @Test
    void aCandidateThatDecidesBetterIsPromotedWithBothScores() {
        ReplayVerdict v = evaluator.evaluate(Objective.ACCURACY, samples, current, target("v2", 0.6), 20);

        assertThat(v.promote()).isTrue();
        assertThat(v.replayed()).isEqualTo(40);
        assertThat(v.currentScore()).as("1 - 24/40 right").isCloseTo(0.4, within(1e-9));
        assertThat(v.candidateScore()).as("every decision right").isCloseTo(0.0, within(1e-9));
        assertThat(v.judged()).isEqualTo("detection");
    }

    @Test
    void aCandidateThatDecidesWorseIsNotPromotedAndSaysWhy() {
        ReplayVerdict v = evaluator.evaluate(Objective.ACCURACY, samples, current, target("v2", 0.05), 20);

        assertThat(v.promote()).isFalse();
        assertThat(v.candidateScore()).as("1 - 18/40 right").isCloseTo(0.55, within(1e-9));
        assertThat(v.reason()).startsWith("not better on replay").contains("0.5500").contains("0.4000");
    }

    @Test
    void anEqualCandidateIsNotPromoted() {
        ReplayVerdict v = evaluator.evaluate(Objective.ACCURACY, samples, current, target("v2", 0.2), 20);

        assertThat(v.promote()).isFalse();
        assertThat(v.candidateScore()).isEqualTo(v.currentScore());
    }

    @Test
    void fewerReplayableExecutionsThanTheMinimumPromoteNothing() {
        List<LabelledExecution> few = new ArrayList<>(samples.subList(0, 15));
        // Unreplayable: a value that was not recorded, and a failed call.
        few.add(new LabelledExecution(new RecordedExecution(ReplayFixtures.KEY, "u", 1, "[{\"$unrecorded\":\"X\"}]",
                "{\"psi\":0.9,\"drift_detected\":true}", "success"), true));
        few.add(new LabelledExecution(new RecordedExecution(ReplayFixtures.KEY, "f", 1, "[0.9]", null, "failure"),
                true));
        ReplayVerdict v = evaluator.evaluate(Objective.ACCURACY, few, current, target("v2", 0.6), 20);

        assertThat(v.promote()).isFalse();
        assertThat(v.replayed()).isEqualTo(15);
        assertThat(v.skipped()).isEqualTo(2);
        assertThat(v.reason()).contains("only 15").contains("poet.train.min-replay");
    }

    @Test
    void theOriginalIsNeverRunAndAnEnhancementThatTriesKeepsTheRecordedOutcome() {
        var c = ReplayFixtures.context(0.6);
        ReplayTarget proceeding = new ReplayTarget("v2", new ReplayFixtures.Proceeding(c), c);
        ReplayVerdict v = evaluator.evaluate(Objective.ACCURACY, samples, current, proceeding, 20);

        // Its Perceive failed on every call (proceed is not available in replay): the recorded decisions stand.
        assertThat(v.candidateScore()).isCloseTo(v.currentScore(), within(1e-9));
        assertThat(v.promote()).isFalse();
    }

    @Test
    void forLatencyReplayJudgesOnlyPerceiveAndEnforceErrors() {
        var c = ReplayFixtures.context(0.6);
        ReplayTarget proceeding = new ReplayTarget("v2", new ReplayFixtures.Proceeding(c), c);
        List<LabelledExecution> unlabelled = new ArrayList<>();
        for (RecordedExecution e : executions(30, 0.2)) {
            unlabelled.add(new LabelledExecution(e, null));
        }

        ReplayVerdict clean = evaluator.evaluate(Objective.LATENCY, unlabelled, current, target("v2", 0.6), 20);
        ReplayVerdict failing = evaluator.evaluate(Objective.LATENCY, unlabelled, current, proceeding, 20);

        assertThat(clean.promote()).isTrue();
        assertThat(clean.judged()).isEqualTo("perceive_enforce_errors");
        assertThat(clean.reason()).contains("judged live");
        assertThat(failing.promote()).isFalse();
        assertThat(failing.candidateScore()).isEqualTo(1.0);
    }
}
