package dev.poet.runtime.validate;

import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.time.Clock;

/**
 * Checks one parameter (Perceive) or the result (Enforce) against one or more {@link Rule}s in one {@link Mode}.
 * Created once per method by the generated enhancement; {@link #check(Object)} is called per call.
 *
 * <p>Each violated rule emits {@value EventTypes#PERCEIVE_VIOLATION} (or {@value EventTypes#ENFORCE_VIOLATION})
 * with the fields {@code rule}, {@code parameter}, {@code mode} and {@code action}: {@code reported},
 * {@code repaired}, {@code unrepaired} (REPAIR mode, rule has no repair for that value) or {@code rejected}.
 * Rules run in order; in REPAIR mode each sees the previous one's repair. A value that passes costs no allocation.
 * Thread-safe.
 */
public final class Validator {

    private final EventEmitter events;
    private final String eventType;
    private final String parameter;
    private final Rule[] rules;
    private final Mode mode;

    private Validator(EventEmitter events, String eventType, String parameter, Rule[] rules, Mode mode) {
        // No rules is legal: templates emit one validator per parameter, and some types have nothing to check.
        if (rules == null) {
            rules = new Rule[0];
        }
        this.events = events;
        this.eventType = eventType;
        this.parameter = parameter;
        this.rules = rules.clone();
        this.mode = mode == null ? Mode.REPORT : mode;
    }

    /**
     * A validator of the argument {@code parameter} (Perceive).
     *
     * @param methodKey the method events and rejections name
     * @param parameter the parameter's name
     * @param rules     checked in order
     * @param mode      {@code null} means {@link Mode#REPORT}
     * @param sink      where violations go; {@code null} means none
     */
    public static Validator perceive(String methodKey, String parameter, Rule[] rules, Mode mode,
                                     PhaseEventSink sink) {
        return new Validator(new EventEmitter(sink, methodKey, Clock.SYSTEM), EventTypes.PERCEIVE_VIOLATION,
                parameter, rules, mode);
    }

    /** {@link #perceive(String, String, Rule[], Mode, PhaseEventSink)} with one rule. */
    public static Validator perceive(String methodKey, String parameter, Rule rule, Mode mode, PhaseEventSink sink) {
        return perceive(methodKey, parameter, new Rule[]{rule}, mode, sink);
    }

    /** A validator of the result (Enforce); the parameter is named {@code result} in events and rejections. */
    public static Validator enforce(String methodKey, Rule[] rules, Mode mode, PhaseEventSink sink) {
        return new Validator(new EventEmitter(sink, methodKey, Clock.SYSTEM), EventTypes.ENFORCE_VIOLATION,
                "result", rules, mode);
    }

    /** {@link #enforce(String, Rule[], Mode, PhaseEventSink)} with one rule. */
    public static Validator enforce(String methodKey, Rule rule, Mode mode, PhaseEventSink sink) {
        return enforce(methodKey, new Rule[]{rule}, mode, sink);
    }

    /**
     * Checks {@code value}.
     *
     * @return {@code value} itself (REPORT, or no violation), or its repair (REPAIR)
     * @throws InputRejectedException in REJECT mode, on the first violated rule
     */
    public Object check(Object value) {
        return check(value, mode);
    }

    /**
     * Checks {@code value} in {@code mode} instead of this validator's own: for modes read from the method's
     * parameters on every call, so a parameter swap changes them without rebuilding the validator.
     *
     * @param mode {@code null} means this validator's mode
     */
    public Object check(Object value, Mode mode) {
        if (mode == null) {
            mode = this.mode;
        }
        Object current = value;
        for (Rule rule : rules) {
            if (rule.accepts(current)) {
                continue;
            }
            if (mode == Mode.REJECT) {
                emit(rule, mode, "rejected");
                throw new InputRejectedException(events.methodKey(), parameter, rule.description());
            }
            if (mode == Mode.REPAIR) {
                Object repaired = rule.repair(current);
                if (repaired == Rule.UNREPAIRABLE) {
                    emit(rule, mode, "unrepaired");
                } else {
                    emit(rule, mode, "repaired");
                    current = repaired;
                }
            } else {
                emit(rule, mode, "reported");
            }
        }
        return current;
    }

    /** Whether {@code value} satisfies every rule; no event, no repair. */
    public boolean accepts(Object value) {
        for (Rule rule : rules) {
            if (!rule.accepts(value)) {
                return false;
            }
        }
        return true;
    }

    /** The mode. */
    public Mode mode() {
        return mode;
    }

    private void emit(Rule rule, Mode mode, String action) {
        events.emit(eventType, "rule", rule.description(), "parameter", parameter, "mode", mode.name(),
                "action", action);
    }
}
