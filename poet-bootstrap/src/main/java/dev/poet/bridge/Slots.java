package dev.poet.bridge;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One slot per instrumented method, indexed by the method id baked into its advice.
 *
 * <p>A slot is {@code null} while the method runs its original body (the fast path: the inlined advice reads the
 * slot and does nothing else), holds an {@link ActiveMethod} once an enhancement is active, or a
 * {@link PendingActivation} while a call waits for activation under {@code poet.activation=eager}, or a
 * {@link Recording} while a version waits for samples of real calls before it may be activated.
 */
public final class Slots {

    /** Upper bound on instrumented methods in one JVM; methods beyond it are left untouched. */
    public static final int CAPACITY = 1 << 16;

    /**
     * Set when a method is instrumented: its first call tells the engine that the class is live (and hands over
     * the {@code Class}, which a class-file transformer never sees), then the slot becomes {@code null}.
     */
    public static final Object UNDISCOVERED = new Object() {
        @Override
        public String toString() {
            return "undiscovered";
        }
    };

    /** Read by the inlined advice on every call of an instrumented method. */
    public static final AtomicReferenceArray<Object> SLOTS = new AtomicReferenceArray<>(CAPACITY);

    private Slots() {
    }
}
