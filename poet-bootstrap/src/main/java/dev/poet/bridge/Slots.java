package dev.poet.bridge;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One slot per instrumented method, indexed by the method id baked into its entry hook.
 *
 * <p>A slot is {@code null} while the method runs its original body (the fast path: the hook reads the slot and
 * does nothing else), holds an {@link ActiveMethod} once an enhancement is active, a {@link PendingActivation}
 * while a call waits for activation under {@code poet.activation=eager}, or a {@link Recording} while a version
 * waits for samples of real calls before it may be activated.
 *
 * <p>The slots are written only by {@link SlotTable} (whose states say what each slot holds); everything else
 * reads them. {@link #SLOTS} is public only because the entry hook, woven into application classes, reads it
 * directly with {@code getstatic} and {@link AtomicReferenceArray#get}.
 */
public final class Slots {

    /** Upper bound on instrumented methods in one JVM; methods beyond it are left untouched. */
    public static final int CAPACITY = 1 << 16;

    /**
     * Set when a method is instrumented: its first call tells the engine that the class is live (and hands over
     * the {@code Class}, which a class-file transformer never sees), then the slot moves on.
     */
    public static final Object UNDISCOVERED = new Object() {
        @Override
        public String toString() {
            return "undiscovered";
        }
    };

    /**
     * Read by the entry hook on every call of an instrumented method. Do not write it: use {@link SlotTable},
     * which keeps each slot's state and its content in step.
     */
    public static final AtomicReferenceArray<Object> SLOTS = new AtomicReferenceArray<>(CAPACITY);

    private Slots() {
    }

    /**
     * What slot {@code id} holds, for readers other than today's entry hook. A hook that called this instead of
     * reading {@link #SLOTS} would let {@code SLOTS} become private, so that nothing outside the bridge could
     * write it; the call costs nothing once compiled (it is inlined to the same volatile load).
     */
    public static Object slot(int id) {
        return SLOTS.get(id);
    }
}
