package dev.poet.core.engine;

import java.util.List;
import java.util.Map;

/**
 * Per-method configuration ({@code poet.method.<class>.<method>[(<types>)].<key>}), already merged so that an
 * overload-specific key wins over a name-only one. Keys in kebab case: {@code domain}, {@code retries}, ...
 */
public interface MethodSettingsSource {

    /**
     * @param parameterTypes fully qualified parameter type names, arrays as {@code int[]}
     */
    Map<String, String> settingsFor(String className, String methodName, List<String> parameterTypes);

    /** No per-method configuration. */
    MethodSettingsSource NONE = (className, methodName, parameterTypes) -> Map.of();
}
