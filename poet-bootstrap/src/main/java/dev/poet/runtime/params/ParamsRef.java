package dev.poet.runtime.params;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The current {@link Params} of one method, swapped atomically when {@code params.json} or learning changes them.
 * Readers always see a whole snapshot, never a mix of old and new values.
 */
public final class ParamsRef {

    private final AtomicReference<Params> current;

    /** @param initial the first snapshot; {@code null} means {@link Params#EMPTY} */
    public ParamsRef(Params initial) {
        this.current = new AtomicReference<>(initial == null ? Params.EMPTY : initial);
    }

    /** The current snapshot; never {@code null}. */
    public Params get() {
        return current.get();
    }

    /** Replaces the snapshot; {@code null} means {@link Params#EMPTY}. */
    public void set(Params params) {
        current.set(params == null ? Params.EMPTY : params);
    }
}
