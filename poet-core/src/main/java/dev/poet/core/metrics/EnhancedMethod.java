package dev.poet.core.metrics;

import java.util.Objects;

import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodStats;

/**
 * A method that had an enhancement, as the engine holds it now.
 *
 * @param key         the method key
 * @param className   the declaring class's binary name
 * @param methodName  the method's name
 * @param version     the version that runs, or ran last when {@code running} is false
 * @param running     whether that version is in the method's slot (false once quarantined or replaced)
 * @param stats       the method's exact counters, bumped on the application's threads
 * @param enhancement the generated enhancement of that version; only ever read, never called
 */
public record EnhancedMethod(String key, String className, String methodName, String version, boolean running,
                             MethodStats stats, Enhancement enhancement) {

    public EnhancedMethod {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stats, "stats");
    }
}
