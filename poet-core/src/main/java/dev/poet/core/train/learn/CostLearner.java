package dev.poet.core.train.learn;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import dev.poet.core.train.Objective;
import dev.poet.core.train.evidence.Evidence;

/**
 * Learns toward {@code cost} (CPU time and allocation per successful call): every attempt costs a call's worth,
 * so attempts are given up earlier when they rarely succeed.
 * <ul>
 *   <li><b>{@code retries}</b>: one fewer when under {@value #RETRY_USELESS} of retried calls succeed; one more only
 *       when calls failed after every attempt and at least {@value #RETRY_HELPS} of retried calls succeeded (a failed
 *       call wastes everything it cost, so a retry that usually works is cheaper than the failure).</li>
 *   <li><b>{@code timeout-ms}</b>, for idempotent methods with a deadline already: lowered to
 *       {@value #GIVE_UP_MARGIN} × the single-try p99 when retries rarely succeed, so a try that is going to fail is
 *       abandoned sooner. No deadline is introduced for cost.</li>
 * </ul>
 */
public final class CostLearner implements Learner {

    static final double RETRY_USELESS = 0.5;
    static final double RETRY_HELPS = 0.9;
    static final double GIVE_UP_MARGIN = 2.0;

    @Override
    public Set<Objective> objectives() {
        return EnumSet.of(Objective.COST);
    }

    @Override
    public Optional<Proposal> propose(LearnerInput in) {
        Proposal.Builder p = new Proposal.Builder();
        Evidence e = in.evidence();
        int retries = in.current().getInt("retries", 1);
        if (in.learnable("retries") && in.method().idempotent()) {
            Retries.propose(in, e, retries, RETRY_HELPS, RETRY_USELESS, p);
        }
        long timeout = in.current().getLong("timeout-ms", 0);
        if (in.learnable("timeout-ms") && in.method().idempotent() && timeout > 0
                && e.retriedCalls() >= LatencyLearner.MIN_SAMPLES && e.successAfterRetryRate() < RETRY_USELESS
                && e.singleTry().count() >= LatencyLearner.MIN_SAMPLES) {
            double target = Math.ceil(Math.max(1.0, e.singleTry().p99() * GIVE_UP_MARGIN));
            if (target < timeout * (1 - LatencyLearner.MIN_RELATIVE_CHANGE)) {
                p.set("timeout-ms", target, String.format(
                        "retries rarely succeed: a try slower than %.1f x the single-try p99 (%.1f ms) is given up",
                        GIVE_UP_MARGIN, e.singleTry().p99()));
            }
        }
        return p.build();
    }
}
