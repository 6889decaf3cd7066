package dev.poet.runtime.event;

/** The {@link PhaseEvent#type()} values the phase runtime emits. */
public final class EventTypes {

    /** A failed (or rejected-result) attempt will be retried; fields {@code attempt}, {@code delay_ms}, {@code cause}. */
    public static final String RETRY_SCHEDULED = "retry.scheduled";
    /** The last attempt failed; its failure is rethrown; fields {@code attempts}, {@code cause}. */
    public static final String RETRY_EXHAUSTED = "retry.exhausted";
    /** A retry was skipped because the method's retry budget is spent; fields {@code attempt}, {@code tokens}. */
    public static final String RETRY_BUDGET_EXHAUSTED = "retry.budget_exhausted";
    /** A breaker changed state; fields {@code from}, {@code to}, {@code reason}. */
    public static final String BREAKER_TRANSITION = "breaker.transition";
    /** A call was refused because the breaker is open (or half-open with no probe left); field {@code state}. */
    public static final String BREAKER_NOT_PERMITTED = "breaker.not_permitted";
    /** A refused call returned the configured fallback value instead of failing; field {@code state}. */
    public static final String BREAKER_FALLBACK = "breaker.fallback";
    /** An enforced deadline expired; the worker was interrupted; fields {@code timeout_ms}, {@code elapsed_ms}. */
    public static final String DEADLINE_EXCEEDED = "deadline.exceeded";
    /** A call took longer than a deadline that is only recorded; fields {@code timeout_ms}, {@code elapsed_ms}. */
    public static final String DEADLINE_OVERRUN = "deadline.overrun";
    /** A deadline could not be enforced (synchronized method, executor saturated); field {@code reason}. */
    public static final String DEADLINE_NOT_ENFORCED = "deadline.not_enforced";
    /** An argument broke a rule; fields {@code rule}, {@code parameter}, {@code mode}, {@code action}. */
    public static final String PERCEIVE_VIOLATION = "perceive.violation";
    /** A result broke a rule; fields {@code rule}, {@code parameter}, {@code mode}, {@code action}. */
    public static final String ENFORCE_VIOLATION = "enforce.violation";

    /**
     * A swapped parameter snapshot was refused (a parameter missing or unreadable) and the previous values kept;
     * fields {@code reason}, {@code kept}.
     */
    public static final String PARAMS_REJECTED = "params.rejected";

    private EventTypes() {
    }
}
