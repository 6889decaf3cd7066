package dev.poet.core.events;

/**
 * Every event type the engine writes. One naming style: {@code area.snake_case}. Phase-runtime decisions
 * ({@code retry.scheduled}, {@code perceive.violation}, ...) keep the names the runtime gives them
 * ({@code dev.poet.runtime.event.EventTypes}), which follow the same style.
 */
public final class EventTypes {

    /**
     * One call through an active enhancement. Payload: {@code method}, {@code function_name}, {@code version},
     * {@code execution_id}, {@code start_time}, {@code end_time} (epoch ms), {@code duration_ms},
     * {@code status} ({@code success}, {@code failure}, {@code fallback}), {@code attempts}, {@code error}
     * ({@code type}, {@code message}) when it failed, and with optimizeFor {@code metrics{cpu_time_ms,
     * allocated_bytes}}.
     */
    public static final String FUNCTION_EXECUTION = "function.execution";
    /** Feedback on an execution, as submitted plus {@code feedback_id}; never dropped, synced before acknowledged. */
    public static final String FUNCTION_FEEDBACK = "function.feedback";
    /** A version was generated, compiled, audited and verified. Payload: {@code method}, {@code version}, {@code generator}. */
    public static final String GENERATION_SUCCEEDED = "generation.succeeded";
    /** Generation failed; the original runs. Payload: {@code method}, {@code generator}, {@code reason}. */
    public static final String GENERATION_FAILED = "generation.failed";
    /** A version became active. Payload: {@code method}, {@code version}, {@code generator}, {@code reused}. */
    public static final String VERSION_ACTIVATED = "version.activated";
    /** A version was refused by the gate. Payload: {@code method}, {@code version}, {@code stage}, {@code reason}. */
    public static final String VERSION_REJECTED = "version.rejected";
    /** An active version failed too often and was taken out. Payload: {@code method}, {@code version}, {@code failures}, {@code reason}. */
    public static final String VERSION_QUARANTINED = "version.quarantined";
    /** Execution events the buffer could not hold since the last such event. Payload: {@code dropped}, {@code total_dropped}. */
    public static final String EVENTS_DROPPED = "events.dropped";
    /** A configuration value changed at run time. Payload: {@code key}, {@code old_value}, {@code new_value}, {@code actor}. */
    public static final String CONFIG_CHANGED = "config.changed";

    private EventTypes() {
    }
}
