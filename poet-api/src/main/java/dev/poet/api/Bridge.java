package dev.poet.api;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * The agent's bridge, found by name on the bootstrap class path once, through JDK types only: the application
 * compiles against this artifact alone, and the bridge cannot see it. Absent without the agent.
 */
final class Bridge {

    static final String CLASS_NAME = "dev.poet.bridge.facade.FacadeBridge";

    private static final Bridge INSTANCE = find(null);

    private final Method currentExecutionId;
    private final Method submitFeedback;

    private Bridge(Method currentExecutionId, Method submitFeedback) {
        this.currentExecutionId = currentExecutionId;
        this.submitFeedback = submitFeedback;
    }

    /** The agent's bridge, or {@code null} when the application runs without the agent. */
    static Bridge get() {
        return INSTANCE;
    }

    /**
     * Looks the bridge up in {@code loader} ({@code null}: the bootstrap loader, where only the agent puts it; an
     * application class of the same name elsewhere is never taken for it).
     */
    static Bridge find(ClassLoader loader) {
        try {
            Class<?> type = Class.forName(CLASS_NAME, false, loader);
            return new Bridge(type.getMethod("currentExecutionId"),
                    type.getMethod("submitFeedback", String.class, String.class, Map.class));
        } catch (Throwable t) {
            return null;
        }
    }

    /** The bridge's current execution id, or {@code null}. */
    String currentExecutionId() {
        try {
            return (String) currentExecutionId.invoke(null);
        } catch (Throwable t) {
            return null;
        }
    }

    /** The bridge's {@code {code, detail}} for a submission, or {@code null} when calling it failed. */
    String[] submitFeedback(String executionId, String feedbackType, Map<String, Object> fields) {
        try {
            Object outcome = submitFeedback.invoke(null, executionId, feedbackType, fields);
            return outcome instanceof String[] ? (String[]) outcome : null;
        } catch (Throwable t) {
            return null;
        }
    }
}
