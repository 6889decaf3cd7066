package dev.poet.runtime.params;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The current {@link Params} of one method, swapped atomically when {@code params.json} or learning changes them.
 * Readers always see a whole snapshot, never a mix of old and new values.
 */
public final class ParamsRef {

    private final AtomicReference<Params> current;

    public ParamsRef(Params initial) {
        this.current = new AtomicReference<>(initial == null ? Params.EMPTY : initial);
    }

    public Params get() {
        return current.get();
    }

    public void set(Params params) {
        current.set(params == null ? Params.EMPTY : params);
    }
}
