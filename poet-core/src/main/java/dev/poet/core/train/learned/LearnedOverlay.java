package dev.poet.core.train.learned;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Effective parameters of a method with {@code optimize-for}: its configured parameters (template defaults,
 * annotation, configuration) with the learned values on top, except for keys the user set explicitly (annotation
 * or configuration: configuration always wins over learning) and keys without bounds; every learned value is
 * clamped into its bounds, so a hand-edited {@code learned.json} cannot take a parameter out of range.
 */
public final class LearnedOverlay {

    private LearnedOverlay() {
    }

    public static Map<String, Object> apply(Map<String, ?> configured, Map<String, ?> learned, Set<String> explicit,
                                            ParamBounds bounds) {
        Map<String, Object> effective = new LinkedHashMap<>(configured);
        if (learned == null) {
            return effective;
        }
        for (Map.Entry<String, ?> e : learned.entrySet()) {
            if (explicit.contains(e.getKey())) {
                continue;
            }
            Object clamped = bounds.clamp(e.getKey(), e.getValue());
            if (clamped != null) {
                effective.put(e.getKey(), clamped);
            }
        }
        return effective;
    }

    /** The learned values that {@link #apply} would use: bounded, clamped, not explicit. */
    public static Map<String, Object> usable(Map<String, ?> learned, Set<String> explicit, ParamBounds bounds) {
        Map<String, Object> kept = new LinkedHashMap<>();
        if (learned != null) {
            for (Map.Entry<String, ?> e : learned.entrySet()) {
                Object clamped = explicit.contains(e.getKey()) ? null : bounds.clamp(e.getKey(), e.getValue());
                if (clamped != null) {
                    kept.put(e.getKey(), clamped);
                }
            }
        }
        return kept;
    }
}
