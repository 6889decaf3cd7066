package dev.poet.core.metrics;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import dev.poet.bridge.Enhancement;
import dev.poet.runtime.breaker.CircuitBreaker;
import dev.poet.runtime.breaker.CircuitState;
import dev.poet.runtime.reliability.Reliability;

/**
 * Reads the circuit breaker state of a running enhancement. Generated code holds its breaker inside its own
 * {@link Reliability} (or a {@link CircuitBreaker}) field; the field is read reflectively and only our runtime's
 * read-only accessors are called, so no generated code runs and no breaker, wiring or parameter changes because it
 * was observed. An enhancement without a breaker, or whose fields cannot be read, has no state ({@code null}).
 */
final class BreakerStates {

    private BreakerStates() {
    }

    /** The state of the first breaker among {@code enhancement}'s own instance fields, or {@code null}. */
    static CircuitState of(Enhancement enhancement) {
        if (enhancement == null) {
            return null;
        }
        try {
            for (Field f : enhancement.getClass().getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                Class<?> type = f.getType();
                if (type != Reliability.class && type != CircuitBreaker.class && type != Object.class) {
                    continue;
                }
                if (!f.trySetAccessible()) {
                    continue;
                }
                Object value = f.get(enhancement);
                CircuitBreaker breaker = value instanceof Reliability r ? r.lastBreaker()
                        : value instanceof CircuitBreaker b ? b : null;
                if (breaker != null) {
                    return breaker.state();
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A class we cannot look into has no breaker we can report.
        }
        return null;
    }
}
