package dev.poet.core.events.engine;

import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.runtime.domain.apioperations.ApiOperations;
import dev.poet.runtime.domain.financialrisk.FinancialRisk;
import dev.poet.runtime.domain.llmops.LlmOps;
import dev.poet.runtime.domain.mlmonitoring.MlMonitor;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.PhaseEvent;

/**
 * What a phase decision says about the call it was taken in, as {@link ExecutionFlags} bits. The one place that
 * reads event types for it:
 * <ul>
 *   <li>a broken rule ({@code perceive.violation}, {@code enforce.violation}, or any event with an {@code action}
 *       field: {@code reported}, {@code unrepaired}, {@code retried}, {@code repaired}, {@code rejected}):
 *       {@link ExecutionFlags#VIOLATION};</li>
 *   <li>{@code action=repaired}, and the domains' changes of an argument or result ({@code financial.rounded},
 *       {@code ml.samples_cleaned}, {@code ml.result_repaired}, {@code ml.decision_differs} (the enhancement's
 *       detection replaced the method's), {@code api.status_normalised},
 *       {@code api.error_shaped}, {@code llm.output_truncated}): {@link ExecutionFlags#REPAIR};</li>
 *   <li>{@code action=rejected}, and calls refused on purpose ({@code breaker.not_permitted},
 *       {@code breaker.fallback}, {@code deadline.exceeded}): {@link ExecutionFlags#REJECTED};</li>
 *   <li>anything else (retries, breaker transitions, drift scores, prompt variants, ...): no bit. Every decision
 *       still exposes the call's execution id, so its {@code function.execution} event is written.</li>
 * </ul>
 */
public final class DecisionFlags {

    private DecisionFlags() {
    }

    /** The bits {@code event} sets on its call; 0 when none. */
    public static int of(PhaseEvent event) {
        String type = event.type();
        Object action = event.fields().get("action");
        int flags = 0;
        if (type.equals(EventTypes.PERCEIVE_VIOLATION) || type.equals(EventTypes.ENFORCE_VIOLATION)
                || action != null) {
            flags |= ExecutionFlags.VIOLATION;
        }
        if ("repaired".equals(action) || changesAValue(type)) {
            flags |= ExecutionFlags.REPAIR;
        }
        if ("rejected".equals(action) || refusesTheCall(type)) {
            flags |= ExecutionFlags.REJECTED;
        }
        return flags;
    }

    private static boolean changesAValue(String type) {
        switch (type) {
            case FinancialRisk.ROUNDED:
            case MlMonitor.SAMPLES_CLEANED:
            case MlMonitor.RESULT_REPAIRED:
            case MlMonitor.DECISION_DIFFERS:
            case ApiOperations.STATUS_NORMALISED:
            case ApiOperations.ERROR_SHAPED:
            case LlmOps.OUTPUT_TRUNCATED:
                return true;
            default:
                return false;
        }
    }

    private static boolean refusesTheCall(String type) {
        switch (type) {
            case EventTypes.BREAKER_NOT_PERMITTED:
            case EventTypes.BREAKER_FALLBACK:
            case EventTypes.DEADLINE_EXCEEDED:
                return true;
            default:
                return false;
        }
    }
}
