package dev.poet.runtime.params;

import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.EventTypes;

/**
 * What one method derives from its current {@link Params} snapshot (a retry configuration, a breaker, a set of
 * thresholds), re-derived only when {@link ParamsRef} holds a different snapshot instance: the per-call cost is one
 * volatile read and one identity comparison, and nothing is allocated until the parameters change.
 *
 * <ul>
 *   <li>Built from the first snapshot in the constructor; a {@link RuntimeException} of the {@link Deriver} (most
 *       often a {@link MissingParameterException}) propagates, so an enhancement whose parameters are incomplete
 *       is never built.</li>
 *   <li>A later snapshot the deriver refuses is not applied at all (never half of it): the previous value stays,
 *       one {@value EventTypes#PARAMS_REJECTED} event names the problem, and that snapshot is not retried on
 *       every call.</li>
 * </ul>
 * Thread-safe; two threads that see a new snapshot at once may both derive it, and one result wins.
 *
 * @param <T> the derived value
 */
public final class Derived<T> {

    /** Derives the value from a snapshot. */
    public interface Deriver<T> {

        /**
         * @param params   the new snapshot, never {@code null}
         * @param previous the value derived from the previous snapshot, or {@code null} for the first; lets
         *                 stateful parts (a breaker's window, a budget's tokens) survive a swap that leaves them
         *                 unchanged
         */
        T derive(Params params, T previous);
    }

    private final ParamsRef params;
    private final Deriver<T> deriver;
    private final EventEmitter events;
    private volatile Entry<T> current;

    /**
     * @param params  the method's parameters; {@code null} means {@link Params#EMPTY} for ever
     * @param events  where refused snapshots are reported
     * @throws RuntimeException whatever {@code deriver} throws for the first snapshot
     */
    public Derived(ParamsRef params, Deriver<T> deriver, EventEmitter events) {
        this.params = params;
        this.deriver = deriver;
        this.events = events;
        Params first = snapshot();
        this.current = new Entry<T>(first, deriver.derive(first, null));
    }

    /** The value for the current snapshot. */
    public T get() {
        Entry<T> e = current;
        Params snapshot = snapshot();
        if (e.params == snapshot) {
            return e.value;
        }
        return refresh(snapshot, e);
    }

    /**
     * The value derived last, without looking at the current snapshot: for observers (metrics), which must never
     * derive, emit or change anything.
     */
    public T peek() {
        return current.value;
    }

    private T refresh(Params snapshot, Entry<T> previous) {
        T value;
        try {
            value = deriver.derive(snapshot, previous.value);
        } catch (RuntimeException refused) {
            events.emit(EventTypes.PARAMS_REJECTED, "reason", String.valueOf(refused.getMessage()),
                    "kept", "previous");
            value = previous.value;
        }
        current = new Entry<T>(snapshot, value);
        return value;
    }

    private Params snapshot() {
        return params == null ? Params.EMPTY : params.get();
    }

    private static final class Entry<T> {
        final Params params;
        final T value;

        Entry(Params params, T value) {
            this.params = params;
            this.value = value;
        }
    }
}
