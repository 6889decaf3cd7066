package dev.poet.runtime.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decision taken by the phase runtime (a retry, a breaker transition, a violation, a repair, ...).
 *
 * @param type      event type, e.g. {@code retry.attempt}, {@code perceive.violation}
 * @param methodKey the method the decision concerns
 * @param timestampMillis wall-clock time of the decision, from the injected clock
 * @param fields    further details; never {@code null}
 */
public record PhaseEvent(String type, String methodKey, long timestampMillis, Map<String, Object> fields) {

    public PhaseEvent {
        fields = fields == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
