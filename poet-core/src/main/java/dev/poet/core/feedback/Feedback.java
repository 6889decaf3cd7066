package dev.poet.core.feedback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Validated feedback on one execution, as submitted: built only by {@link FeedbackParser}.
 *
 * @param executionId  a well-formed execution id (its existence is checked when it is submitted)
 * @param feedbackType {@code performance}, {@code error}, {@code user}, {@code system} or a domain's word
 * @param fields       every other field in the order given, known ones ({@code rating}, {@code label},
 *                     {@code comments}, {@code values}, {@code was_real_drift}, {@code reason},
 *                     {@code business_context}) and extra ones, as JSON-like values; unmodifiable
 */
public record Feedback(String executionId, String feedbackType, Map<String, Object> fields) {

    public Feedback {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(feedbackType, "feedbackType");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
