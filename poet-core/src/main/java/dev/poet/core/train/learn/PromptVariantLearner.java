package dev.poet.core.train.learn;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.poet.core.train.Objective;
import dev.poet.core.train.evidence.VariantFeedback;

/**
 * Learns toward {@code quality} for llm_ops methods: which prompt variant is taken ({@code prompt-best-variant}),
 * from the mean feedback score per variant in the window. The enhancement takes the learned variant but for the
 * {@code prompt-explore} share, which keeps every other variant measured: together an epsilon-greedy bandit
 * whose estimates are the window's scores.
 * <ul>
 *   <li>A variant is judged only with at least {@value #MIN_SCORED} scored executions in the window.</li>
 *   <li>The first choice (the variants taken in turn until now) is the judged variant with the highest mean.</li>
 *   <li>A learned choice is replaced only by a judged variant whose mean beats it by more than {@value #Z}
 *       standard errors of the difference (each side's variance taken as {@code p(1 − p) / n} of its
 *       Laplace-smoothed mean {@code p = (sum + 1) / (n + 2)}, the largest a score in [0, 1] can have), or when
 *       the current one had too few scored executions to be judged; so a few lucky explorations of a worse
 *       variant do not flip the choice, while a clearly better one wins within a window or two.</li>
 * </ul>
 * Ties go to the lower index. Without scored feedback on known variants nothing is proposed.
 */
public final class PromptVariantLearner implements Learner {

    public static final String KEY = "prompt-best-variant";
    static final int MIN_SCORED = 5;
    static final double Z = 2.0;

    @Override
    public Set<Objective> objectives() {
        return EnumSet.of(Objective.QUALITY);
    }

    @Override
    public Optional<Proposal> propose(LearnerInput in) {
        if (!in.learnable(KEY) || !in.current().has(KEY)) {
            return Optional.empty();
        }
        int current = in.current().getInt(KEY, -1);
        int best = -1;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, VariantFeedback> e : in.evidence().variants().entrySet()) {
            VariantFeedback f = e.getValue();
            if (e.getKey() < 0 || f.scored() < MIN_SCORED) {
                continue;
            }
            if (f.meanScore() > bestMean) {
                best = e.getKey();
                bestMean = f.meanScore();
            }
        }
        if (best < 0 || best == current) {
            return Optional.empty();
        }
        VariantFeedback now = current < 0 ? null : in.evidence().variants().get(current);
        boolean judged = now != null && now.scored() >= MIN_SCORED;
        if (judged && bestMean - now.meanScore() <= Z * Math.sqrt(variance(now)
                + variance(in.evidence().variants().get(best)))) {
            return Optional.empty();
        }
        String reason = String.format(java.util.Locale.ROOT, "variant %d scored %.3f over %d feedback",
                best, bestMean, in.evidence().variants().get(best).scored())
                + (current < 0 ? " (best of the rotation)"
                : judged ? String.format(java.util.Locale.ROOT, ", variant %d %.3f", current, now.meanScore())
                : ", variant " + current + " had too little feedback to be judged");
        return new Proposal.Builder().set(KEY, best, reason).build();
    }

    /** The variance of a variant's mean score, bounded from above; see the class comment. */
    private static double variance(VariantFeedback f) {
        double p = (f.scoreSum() + 1) / (f.scored() + 2);
        return p * (1 - p) / f.scored();
    }
}
