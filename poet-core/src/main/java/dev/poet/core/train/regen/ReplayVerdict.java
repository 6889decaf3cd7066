package dev.poet.core.train.regen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of replaying a candidate against the running version.
 *
 * @param promote        whether the candidate may be made current
 * @param reason         why (or why not), in one sentence
 * @param replayed       executions replayed through both
 * @param skipped        recorded executions that could not be replayed (a value not recorded, undecodable)
 * @param currentScore   the objective's measure of the running version on the replayed outcomes (lower is better);
 *                       NaN when not measurable
 * @param candidateScore the same for the candidate
 * @param judged         what replay judged: {@code detection} (replayed decisions against labels) or
 *                       {@code perceive_enforce_errors} (latency and cost cannot be replayed: only the share of
 *                       executions whose Perceive or Enforce failed)
 */
public record ReplayVerdict(boolean promote, String reason, int replayed, int skipped, double currentScore,
                            double candidateScore, String judged) {

    /** The form events carry. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replayed", replayed);
        m.put("skipped", skipped);
        m.put("current_score", Double.isNaN(currentScore) ? null : currentScore);
        m.put("candidate_score", Double.isNaN(candidateScore) ? null : candidateScore);
        m.put("judged", judged);
        m.put("promote", promote);
        return m;
    }
}
