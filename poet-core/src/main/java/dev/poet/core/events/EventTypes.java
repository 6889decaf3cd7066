package dev.poet.core.events;

/**
 * Every event type the engine writes. One naming style: {@code area.snake_case}. Phase-runtime decisions
 * ({@code retry.scheduled}, {@code perceive.violation}, ...) keep the names the runtime gives them
 * ({@code dev.poet.runtime.event.EventTypes}), which follow the same style; their payload is the decision's fields
 * plus {@code method} (the method key) and {@code execution_id}, and their correlation id is that execution's id
 * (none when the decision was taken outside an enhanced call).
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
    /*
     * Engine events (generation.*, version.*) all begin with the version's facts: method (the method key),
     * function_name (class.method), version (the stored name, e.g. v3; null when not stored, such as a template
     * version whose storing waits for the LLM's outcome), generator (template or llm), and when known model and
     * provider (llm), template (the domain) and template_version. Their correlation_id is null; causation_id links
     * what follows from what.
     */
    /**
     * A version was generated, compiled, audited and verified. Payload: the version's facts and
     * {@code timings_ms} (per step: {@code render}, {@code compile}, {@code generate}, {@code audit}, ...).
     */
    public static final String GENERATION_SUCCEEDED = "generation.succeeded";
    /**
     * Generation failed. Payload: the version's facts, {@code reason}, {@code active_version} (the version that
     * stays active instead: the template's when an LLM failed, else null) and {@code fallback} ({@code template}:
     * the template version keeps running; {@code original}: the original body runs). Causation: the
     * {@code version.rejected} that made it fail, when there was one.
     */
    public static final String GENERATION_FAILED = "generation.failed";
    /**
     * A version became active. Payload: the version's facts, {@code reused} (true: a stored version taken as it
     * was, nothing generated) and {@code replaced} (the version it replaced in the slot, when any; {@code pending} for a template version that was never stored). Causation: the
     * {@code generation.succeeded} it follows.
     */
    public static final String VERSION_ACTIVATED = "version.activated";
    /**
     * A version was refused by the gate. Payload: the version's facts, {@code stage} ({@code audit},
     * {@code construction}, {@code verification}, {@code verification_recorded}, {@code original}) and
     * {@code reason}.
     */
    public static final String VERSION_REJECTED = "version.rejected";
    /**
     * An active version failed too often and was taken out; the original runs. Payload: the version's facts,
     * {@code failures}, {@code phase} (where the last failure was: perceive, operate, enforce, dispatch) and
     * {@code reason}.
     */
    public static final String VERSION_QUARANTINED = "version.quarantined";
    /**
     * Events that could not be written since the last such event. Payload: {@code dropped}, {@code total_dropped},
     * {@code source} (who dropped them: {@code poet-events} for the writer); from the writer also
     * {@code queue_full}, {@code too_large} and {@code write_failed} (totals by cause).
     */
    public static final String EVENTS_DROPPED = "events.dropped";
    /**
     * A configuration value changed at run time, or a method was activated with a setting that differs from what it
     * last ran with (then also {@code method} and {@code function_name}, one event per key, actor
     * {@code configuration}). Payload: {@code key}, {@code old_value}, {@code new_value} (null when unset),
     * {@code actor}.
     */
    public static final String CONFIG_CHANGED = "config.changed";
    /**
     * The impact of a method's configuration change, {@code poet.train.impact-window-ms} after it: the window of that
     * length after the change against the one before. Payload: {@code method}, {@code function_name}, {@code keys},
     * {@code changed_at}, {@code window_ms}, {@code kind} ({@code detector} or {@code calls}), {@code objective},
     * {@code before} and {@code after} (detector: {@code false_positive_rate}, {@code missed_detections},
     * {@code missed_rate}, {@code detection_delay_ms}; otherwise {@code latency_p99_ms}, {@code failure_rate}; both:
     * {@code calls}, and {@code objective_measure} with optimize-for), {@code actor}. Causation: the first
     * {@code config.changed} of the change.
     */
    public static final String CONFIG_IMPACT_MEASURED = "config.impact_measured";

    /**
     * Train moved a method's learned parameters (applied live, persisted in {@code learned.json}). Payload:
     * {@code method}, {@code function_name}, {@code objective}, {@code before} and {@code after} (the learned values),
     * {@code reasons} (per parameter, why), {@code measure} (the objective's measure of the window, lower is better;
     * null when not measurable) and {@code evidence} (calls, rates, latency percentiles, labels of the window).
     */
    public static final String TRAIN_PARAMS_CHANGED = "train.params_changed";
    /**
     * Train undid a change of learned parameters because the objective's measure over the window after it was worse
     * than the window before. Payload: {@code method}, {@code function_name}, {@code objective}, {@code before}
     * (the values undone), {@code after} (the values restored), {@code measure_before}, {@code measure_after},
     * {@code evidence} (of the window after). Causation: the {@code train.params_changed} it undid.
     */
    public static final String TRAIN_PARAMS_REVERTED = "train.params_reverted";
    /**
     * A regeneration rule fired for a method. Payload: {@code method}, {@code function_name}, {@code objective},
     * {@code version}, {@code rules} (names of the rules that fired), {@code rates}, {@code common_reasons},
     * {@code evidence}, {@code history} (changes of learned parameters) and {@code has_source}.
     */
    public static final String TRAIN_REGENERATION_REQUESTED = "train.regeneration_requested";

    /**
     * Train regenerated a version that beat the running one on replayed executions and made it current. Payload:
     * {@code method}, {@code function_name}, {@code objective}, {@code previous} and {@code version} (stored names),
     * {@code replay} (executions replayed, both scores, what replay judged). Causation: the
     * {@code train.regeneration_requested} it answers.
     */
    public static final String VERSION_PROMOTED = "version.promoted";
    /**
     * A promoted version was undone (the live measure got worse than before it, or by hand): the previous version is
     * current again. Payload: {@code method}, {@code function_name}, {@code version} (undone), {@code restored},
     * {@code reason}, and for an automatic undo {@code measure_before}, {@code measure_after}, {@code evidence}.
     * Causation: the {@code version.promoted} it undid, when known.
     */
    public static final String VERSION_ROLLED_BACK = "version.rolled_back";
    /**
     * A regenerated candidate was not promoted. Payload: {@code method}, {@code function_name}, {@code objective},
     * {@code version} (the stored candidate, null when none was produced), {@code reason} and {@code replay}
     * (executions replayed and both scores, when replayed). Causation: the {@code train.regeneration_requested}.
     */
    public static final String TRAIN_CANDIDATE_DISCARDED = "train.candidate_discarded";

    private EventTypes() {
    }
}
