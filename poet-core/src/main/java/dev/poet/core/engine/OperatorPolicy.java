package dev.poet.core.engine;

import java.util.Map;

/**
 * The operator's choices the engine consults when it activates a method (at start, or when a class first becomes
 * live): whether it is disabled, which parameters override its configuration, which stored version the operator
 * named. Implementations must not throw and must be cheap: they are asked on the generator thread.
 */
public interface OperatorPolicy {

    /** No operator: nothing disabled, nothing overridden, nothing pinned. */
    OperatorPolicy NONE = new OperatorPolicy() {
        @Override
        public boolean disabled(String methodKey) {
            return false;
        }

        @Override
        public Map<String, String> params(String methodKey) {
            return Map.of();
        }

        @Override
        public boolean pinned(String methodKey, String version) {
            return false;
        }
    };

    boolean disabled(String methodKey);

    /** Parameter overrides, key to raw value; empty when none. */
    Map<String, String> params(String methodKey);

    /** Whether the operator made {@code version} current (a rollback or an approval). */
    boolean pinned(String methodKey, String version);

    /**
     * The engine runs {@code version} because {@code current} was set to it by hand: from now on it counts as the
     * operator's choice, as a rollback would.
     */
    default void adopted(String methodKey, String version) {
    }
}
