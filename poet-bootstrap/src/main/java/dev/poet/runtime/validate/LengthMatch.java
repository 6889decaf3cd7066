package dev.poet.runtime.validate;

import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.time.Clock;

/**
 * Checks that two array or collection arguments have the same length (features and weights, xs and ys). Works on
 * the whole argument array because a repair changes both. Emits {@value EventTypes#PERCEIVE_VIOLATION} with
 * {@code rule=same-length}, {@code parameter="a,b"}, {@code mode}, {@code action}. Repair: both truncated to the
 * shorter length (copies). Arguments that are {@code null} or not sized are left to other rules. Thread-safe.
 */
public final class LengthMatch {

    private final EventEmitter events;
    private final String firstName;
    private final int firstIndex;
    private final String secondName;
    private final int secondIndex;
    private final Mode mode;

    /**
     * @param methodKey   the method events and rejections name
     * @param firstName   name of the first parameter
     * @param firstIndex  its index in the argument array
     * @param secondName  name of the second parameter
     * @param secondIndex its index
     * @param mode        {@code null} means {@link Mode#REPORT}
     * @param sink        where violations go; {@code null} means none
     */
    public LengthMatch(String methodKey, String firstName, int firstIndex, String secondName, int secondIndex,
                       Mode mode, PhaseEventSink sink) {
        this.events = new EventEmitter(sink, methodKey, Clock.SYSTEM);
        this.firstName = firstName;
        this.firstIndex = firstIndex;
        this.secondName = secondName;
        this.secondIndex = secondIndex;
        this.mode = mode == null ? Mode.REPORT : mode;
    }

    /**
     * Checks {@code args}; in REPAIR mode replaces the two arguments in place by truncated copies.
     *
     * @return {@code args}
     * @throws InputRejectedException in REJECT mode when the lengths differ
     */
    public Object[] check(Object[] args) {
        int a = Sizes.sizeOf(args[firstIndex]);
        int b = Sizes.sizeOf(args[secondIndex]);
        if (a < 0 || b < 0 || a == b) {
            return args;
        }
        String rule = "same-length";
        String parameters = firstName + "," + secondName;
        if (mode == Mode.REJECT) {
            emit(rule, parameters, "rejected");
            throw new InputRejectedException(events.methodKey(), parameters, rule + " (" + a + " vs " + b + ")");
        }
        if (mode == Mode.REPAIR) {
            int n = Math.min(a, b);
            Object first = a > n ? Sizes.truncate(args[firstIndex], n) : args[firstIndex];
            Object second = b > n ? Sizes.truncate(args[secondIndex], n) : args[secondIndex];
            if (first == Rule.UNREPAIRABLE || second == Rule.UNREPAIRABLE) {
                emit(rule, parameters, "unrepaired");
            } else {
                args[firstIndex] = first;
                args[secondIndex] = second;
                emit(rule, parameters, "repaired");
            }
            return args;
        }
        emit(rule, parameters, "reported");
        return args;
    }

    private void emit(String rule, String parameters, String action) {
        events.emit(EventTypes.PERCEIVE_VIOLATION, "rule", rule, "parameter", parameters, "mode", mode.name(),
                "action", action);
    }
}
