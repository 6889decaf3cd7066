package dev.poet.bridge.facade;

import java.util.Map;

/**
 * Takes feedback submitted through the application facade; the engine installs one with
 * {@link FacadeBridge#install}. Only JDK types cross this boundary, so the facade, the bridge and the engine may each
 * live in a different class loader.
 */
public interface FeedbackHandler {

    /**
     * Validates and stores feedback on {@code executionId}. Must not throw.
     *
     * @param feedbackType a word such as {@code user} or {@code drift_validation}
     * @param fields       the feedback's other fields ({@code rating}, {@code label}, {@code comments}, {@code values},
     *                     domain fields), JSON-like values only
     * @return two strings: one of the {@code FacadeBridge} outcome codes and its detail (the feedback id when
     *         accepted, otherwise a message saying what was wrong)
     */
    String[] submit(String executionId, String feedbackType, Map<String, Object> fields);
}
