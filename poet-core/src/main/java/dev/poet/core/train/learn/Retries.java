package dev.poet.core.train.learn;

import dev.poet.core.train.evidence.Evidence;

/** The attempts rule both reliability learners share; only their thresholds differ. */
final class Retries {

    private Retries() {
    }

    static void propose(LearnerInput in, Evidence e, int retries, double helps, double useless, Proposal.Builder p) {
        if (e.retriedCalls() < LatencyLearner.MIN_SAMPLES) {
            return;
        }
        double rate = e.successAfterRetryRate();
        long exhausted = e.failuresWithAtLeast(retries);
        if (exhausted > 0 && rate >= helps) {
            p.set("retries", retries + 1, String.format(
                    "%d calls failed after all %d attempts while %.0f%% of retried calls succeeded", exhausted,
                    retries, rate * 100));
        } else if (rate < useless && retries > 1) {
            p.set("retries", retries - 1, String.format(
                    "only %.0f%% of %d retried calls succeeded: retries rarely pay", rate * 100, e.retriedCalls()));
        }
    }
}
