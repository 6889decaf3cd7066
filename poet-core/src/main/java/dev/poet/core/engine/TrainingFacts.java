package dev.poet.core.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What Train needs to know of an active method beyond its context: the configured parameters (template defaults,
 * annotation, configuration; no learned value) and which keys the user set explicitly.
 *
 * @param optimizeFor the {@code optimize-for} value, as configured
 */
public record TrainingFacts(String optimizeFor, Map<String, Object> configured, Set<String> explicitKeys) {

    public TrainingFacts {
        configured = Collections.unmodifiableMap(new LinkedHashMap<>(configured));
        explicitKeys = Collections.unmodifiableSet(new LinkedHashSet<>(explicitKeys));
    }
}
