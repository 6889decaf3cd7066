package dev.poet.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feedback on an execution, from inside the application: the same fields as {@code POST /poet/feedback}. Never
 * throws; without the agent it does nothing and returns {@link FeedbackResult.Status#NO_AGENT}.
 *
 * <pre>{@code
 * Map<String, Object> fields = new HashMap<>();
 * fields.put("was_real_drift", false);
 * fields.put("reason", "seasonal_pattern");
 * FeedbackResult r = PoetFeedback.submit(executionId, "drift_validation", fields);
 * if (!r.accepted()) log.warn("feedback not stored: {}", r.message());
 * }</pre>
 */
public final class PoetFeedback {

    private PoetFeedback() {
    }

    /**
     * Submits feedback on {@code executionId}; returns once it is stored durably (or refused).
     *
     * @param executionId  an id from {@link Executions#currentId()} or an event, from this run or an earlier one
     * @param feedbackType {@code performance}, {@code error}, {@code user}, {@code system} or a domain's type such
     *                     as {@code drift_validation}: a lower-case word
     * @param fields       the rest: {@code rating} (a number), {@code label}, {@code comments} (strings),
     *                     {@code values} (a map of scalars) and domain fields; may be {@code null}
     */
    public static FeedbackResult submit(String executionId, String feedbackType, Map<String, ?> fields) {
        return submit(Bridge.get(), executionId, feedbackType, fields);
    }

    /** Submits a single {@code rating} of {@code feedbackType}. */
    public static FeedbackResult rate(String executionId, String feedbackType, double rating) {
        return submit(executionId, feedbackType, Collections.singletonMap("rating", rating));
    }

    static FeedbackResult submit(Bridge bridge, String executionId, String feedbackType, Map<String, ?> fields) {
        if (bridge == null) {
            return FeedbackResult.of(FeedbackResult.Status.NO_AGENT,
                    "the application runs without the POET agent; feedback was not recorded");
        }
        Map<String, Object> copy;
        try {
            copy = fields == null ? new LinkedHashMap<String, Object>() : new LinkedHashMap<String, Object>(fields);
        } catch (RuntimeException e) {
            return FeedbackResult.of(FeedbackResult.Status.INVALID, "fields could not be read: " + e);
        }
        String[] outcome = bridge.submitFeedback(executionId, feedbackType, copy);
        if (outcome == null) {
            return FeedbackResult.of(FeedbackResult.Status.FAILED, "the POET agent could not be reached");
        }
        String code = outcome[0];
        String detail = outcome[1];
        if ("accepted".equals(code)) {
            return FeedbackResult.accepted(detail);
        }
        if ("unknown_execution".equals(code)) {
            return FeedbackResult.of(FeedbackResult.Status.UNKNOWN_EXECUTION, detail);
        }
        if ("invalid".equals(code)) {
            return FeedbackResult.of(FeedbackResult.Status.INVALID, detail);
        }
        if ("no_agent".equals(code)) {
            return FeedbackResult.of(FeedbackResult.Status.NO_AGENT, detail);
        }
        return FeedbackResult.of(FeedbackResult.Status.FAILED, detail);
    }
}
