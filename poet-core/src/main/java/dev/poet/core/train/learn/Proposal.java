package dev.poet.core.train.learn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learner's proposed values (parameter to number) and why, in a sentence per parameter.
 */
public record Proposal(Map<String, Object> values, Map<String, String> reasons) {

    public Proposal {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }

    /** Collects proposals parameter by parameter. */
    static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, String> reasons = new LinkedHashMap<>();

        Builder set(String key, Object value, String reason) {
            values.put(key, value);
            reasons.put(key, reason);
            return this;
        }

        java.util.Optional<Proposal> build() {
            return values.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Proposal(values, reasons));
        }
    }
}
