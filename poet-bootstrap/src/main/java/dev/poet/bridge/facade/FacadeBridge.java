package dev.poet.bridge.facade;

import java.util.Map;

import dev.poet.bridge.CurrentExecution;

/**
 * What the application facade calls, by name, once the agent put this class on the bootstrap class path. Every
 * method is static, takes and returns JDK types only and never throws: the facade turns the outcome codes into its
 * own result type.
 */
public final class FacadeBridge {

    /** Stored durably; the detail is the feedback id. */
    public static final String ACCEPTED = "accepted";
    /** No execution with that id was ever recorded; nothing stored. */
    public static final String UNKNOWN_EXECUTION = "unknown_execution";
    /** The feedback was malformed; the detail names what was wrong; nothing stored. */
    public static final String INVALID = "invalid";
    /** The agent runs but accepts no feedback (not started yet, or feedback is off). */
    public static final String NO_AGENT = "no_agent";
    /** The store could not make the feedback durable; nothing acknowledged, the caller may try again. */
    public static final String FAILED = "failed";

    private static volatile FeedbackHandler handler;

    private FacadeBridge() {
    }

    /** Installs the engine's handler; {@code null} removes it (at shutdown). Engine only. */
    public static void install(FeedbackHandler feedback) {
        handler = feedback;
    }

    /** The execution id of the enhanced call running on this thread, or {@code null} outside one. */
    public static String currentExecutionId() {
        try {
            return CurrentExecution.id();
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * Submits feedback; returns {@code {code, detail}} with code one of {@link #ACCEPTED}, {@link #UNKNOWN_EXECUTION},
     * {@link #INVALID}, {@link #NO_AGENT}, {@link #FAILED}.
     */
    public static String[] submitFeedback(String executionId, String feedbackType, Map<String, Object> fields) {
        FeedbackHandler h = handler;
        if (h == null) {
            return new String[] {NO_AGENT, "the POET agent accepts no feedback in this JVM (it has not started)"};
        }
        try {
            String[] outcome = h.submit(executionId, feedbackType, fields);
            if (outcome == null || outcome.length != 2 || outcome[0] == null) {
                return new String[] {FAILED, "the feedback handler gave no outcome"};
            }
            return outcome;
        } catch (Throwable t) {
            return new String[] {FAILED, "feedback not stored: " + t};
        }
    }
}
