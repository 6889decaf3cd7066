package dev.poet.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.poet.runtime.params.Params;

/**
 * One active method with {@code optimize-for}, as the engine sees it now.
 *
 * @param key          the method key (the folder under {@code poet.home/methods})
 * @param displayName  {@code class.method}
 * @param domain       its template's domain ({@code base}, {@code api_operations}, {@code ml_monitoring}, ...)
 * @param optimizeFor  the {@code optimize-for} value as configured (parse it with {@link Objective#parse})
 * @param version      the running version's stored name ({@code v3}); {@code pending} before it is stored
 * @param configured   the configured parameters: template defaults, annotation, configuration; no learned value
 * @param explicitKeys keys the annotation or configuration set: never learned
 * @param current      the snapshot the method runs with now (configured with the learned values on top)
 */
public record TrainedMethod(String key, String displayName, String domain, String optimizeFor, String version,
                            Map<String, Object> configured, Set<String> explicitKeys, Params current) {

    public TrainedMethod {
        configured = Collections.unmodifiableMap(new LinkedHashMap<>(configured));
        explicitKeys = Collections.unmodifiableSet(new LinkedHashSet<>(explicitKeys));
        current = current == null ? Params.EMPTY : current;
    }

    public Optional<Objective> objective() {
        return Objective.parse(optimizeFor);
    }

    /** Whether a try may be cut and run again: not when {@code idempotent=false}. */
    public boolean idempotent() {
        Object v = configured.get("idempotent");
        return v == null || !"false".equalsIgnoreCase(v.toString().trim());
    }
}
