package dev.poet.core.train.learn;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import dev.poet.core.train.Objective;
import dev.poet.core.train.evidence.Evidence;

/**
 * Learns toward {@code latency} (caller-visible p99 and failure rate):
 * <ul>
 *   <li><b>{@code timeout-ms}</b>, the enforced deadline of one try, for idempotent methods only: it sits at
 *       {@value #DEADLINE_MARGIN} × the 95th percentile of a single successful try, so the slowest few percent of
 *       tries (stragglers) are cut and retried while ordinary tries are never touched. A deadline is introduced only
 *       when the caller-visible p99 lies beyond it (there is something to cut). Once set it follows the downstream:
 *       the new value is {@value #RECENT_WEIGHT} × the window's target + the rest × the current value, so the recent
 *       window dominates; when more than {@value #CENSORED_RATE} of the window's tries hit the deadline, the window's
 *       latencies are censored by it (the downstream got slower), and the deadline is doubled instead.</li>
 *   <li><b>{@code retries}</b> (total attempts): one more when calls failed after using every attempt while retried
 *       calls mostly ({@value #RETRY_HELPS} or more) succeeded; one fewer when retried calls rarely (under
 *       {@value #RETRY_USELESS}) succeed: then retries only add latency.</li>
 *   <li><b>{@code backoff-initial-ms}</b>: halved when retries succeed {@value #QUICK_RETRY} of the time or more (a
 *       quick retry works), doubled when they succeed under {@value #RETRY_USELESS} (the downstream needs time).</li>
 * </ul>
 * Each decision needs at least {@value #MIN_SAMPLES} relevant calls in the window; a change smaller than
 * {@value #MIN_RELATIVE_CHANGE} of the current value is not proposed.
 */
public final class LatencyLearner implements Learner {

    static final double DEADLINE_MARGIN = 3.0;
    static final double RECENT_WEIGHT = 0.7;
    static final double CENSORED_RATE = 0.2;
    static final double RETRY_HELPS = 0.5;
    static final double RETRY_USELESS = 0.2;
    static final double QUICK_RETRY = 0.8;
    static final int MIN_SAMPLES = 5;
    static final double MIN_RELATIVE_CHANGE = 0.1;

    @Override
    public Set<Objective> objectives() {
        return EnumSet.of(Objective.LATENCY);
    }

    @Override
    public Optional<Proposal> propose(LearnerInput in) {
        Proposal.Builder p = new Proposal.Builder();
        Evidence e = in.evidence();
        deadline(in, e, p);
        int retries = in.current().getInt("retries", 1);
        if (in.learnable("retries") && in.method().idempotent()) {
            Retries.propose(in, e, retries, RETRY_HELPS, RETRY_USELESS, p);
        }
        if (in.learnable("backoff-initial-ms") && e.retriedCalls() >= MIN_SAMPLES) {
            long backoff = in.current().getLong("backoff-initial-ms", 0);
            double rate = e.successAfterRetryRate();
            if (rate >= QUICK_RETRY && backoff > 0) {
                p.set("backoff-initial-ms", backoff / 2, String.format(
                        "%.0f%% of retried calls succeeded: a quicker retry works", rate * 100));
            } else if (rate < RETRY_USELESS) {
                p.set("backoff-initial-ms", Math.max(1, backoff * 2), String.format(
                        "only %.0f%% of retried calls succeeded: the downstream needs more time", rate * 100));
            }
        }
        return p.build();
    }

    private static void deadline(LearnerInput in, Evidence e, Proposal.Builder p) {
        if (!in.learnable("timeout-ms") || !in.method().idempotent()) {
            return;
        }
        long current = in.current().getLong("timeout-ms", 0);
        if (current > 0 && e.deadlineExceededRate() > CENSORED_RATE) {
            p.set("timeout-ms", current * 2, String.format(
                    "%.0f%% of tries hit the %d ms deadline: the downstream is slower now", e.deadlineExceededRate()
                            * 100, current));
            return;
        }
        if (e.singleTry().count() < MIN_SAMPLES) {
            return;
        }
        double target = Math.max(1.0, e.singleTry().p95() * DEADLINE_MARGIN);
        if (current <= 0) {
            if (e.latency().p99() > target) {
                p.set("timeout-ms", Math.ceil(target), String.format(
                        "caller p99 %.1f ms lies beyond %.1f x the single-try p95 of %.1f ms: stragglers are cut"
                                + " and retried", e.latency().p99(), DEADLINE_MARGIN, e.singleTry().p95()));
            }
            return;
        }
        double next = RECENT_WEIGHT * target + (1 - RECENT_WEIGHT) * current;
        if (Math.abs(next - current) >= MIN_RELATIVE_CHANGE * current) {
            p.set("timeout-ms", Math.ceil(next), String.format(
                    "single-try p95 is %.1f ms now: the deadline follows the downstream", e.singleTry().p95()));
        }
    }
}
