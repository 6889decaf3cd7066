package dev.poet.core.train.evidence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Feedback scores of the executions that ran with one prompt variant (llm_ops), or, under
 * {@link #UNKNOWN_VARIANT}, of the executions whose variant is not known. A feedback's score, in {@code [0, 1]}
 * (the latest feedback on an execution counts): a numeric {@code score} (clamped into {@code [0, 1]}), else a
 * {@code rating} on a 1–5 scale ({@code (rating − 1) / 4}), else a {@code label} {@code positive}, {@code good},
 * {@code correct}, {@code accepted}, {@code helpful}, {@code thumbs_up} (1) or {@code negative}, {@code bad},
 * {@code incorrect}, {@code rejected}, {@code unhelpful}, {@code thumbs_down} (0), else a boolean
 * {@code success} or {@code helpful}; feedback with none of these has no score.
 *
 * @param executions executions in the window that ran with the variant
 * @param scored     executions with a scored feedback in the window
 * @param scoreSum   the sum of their scores
 */
public record VariantFeedback(long executions, long scored, double scoreSum) {

    /** The key of executions whose variant is not known. */
    public static final int UNKNOWN_VARIANT = -1;

    /** The mean score; NaN without scored feedback. */
    public double meanScore() {
        return scored == 0 ? Double.NaN : scoreSum / scored;
    }

    VariantFeedback plusExecution() {
        return new VariantFeedback(executions + 1, scored, scoreSum);
    }

    VariantFeedback plusScore(double score) {
        return new VariantFeedback(executions, scored + 1, scoreSum + score);
    }

    /** The score a feedback payload gives (see the class comment), or null. */
    public static Double score(Map<String, Object> feedback) {
        Object score = feedback.get("score");
        if (score instanceof Number n && Double.isFinite(n.doubleValue())) {
            return Math.max(0, Math.min(1, n.doubleValue()));
        }
        Object rating = feedback.get("rating");
        if (rating instanceof Number n && Double.isFinite(n.doubleValue())) {
            return Math.max(0, Math.min(1, (n.doubleValue() - 1) / 4));
        }
        Object label = feedback.get("label");
        if (label != null) {
            switch (label.toString().trim().toLowerCase(Locale.ROOT)) {
                case "positive", "good", "correct", "accepted", "helpful", "thumbs_up" -> {
                    return 1.0;
                }
                case "negative", "bad", "incorrect", "rejected", "unhelpful", "thumbs_down" -> {
                    return 0.0;
                }
                default -> {
                }
            }
        }
        for (String key : new String[] {"success", "helpful"}) {
            if (feedback.get(key) instanceof Boolean b) {
                return b ? 1.0 : 0.0;
            }
        }
        return null;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("executions", executions);
        m.put("scored", scored);
        m.put("mean_score", Evidence.finite(meanScore()));
        return m;
    }
}
