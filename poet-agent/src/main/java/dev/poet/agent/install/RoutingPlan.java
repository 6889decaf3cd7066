package dev.poet.agent.install;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which methods of one class file get the entry hook, each with the slot id it was registered under. The
 * transformer decides and registers everything before weaving; the {@link EntryHookWeaver} only reads this plan,
 * so weaving has no side effect beyond the bytes it returns. Immutable.
 */
final class RoutingPlan {

    /** Marks a method the plan does not route. */
    static final int NOT_ROUTED = -1;

    private final Map<String, Integer> idByNameAndDescriptor;

    private RoutingPlan(Map<String, Integer> idByNameAndDescriptor) {
        this.idByNameAndDescriptor = idByNameAndDescriptor;
    }

    /** Collects a plan, in declaration order. Not thread-safe; one per transformation. */
    static final class Builder {
        private final Map<String, Integer> ids = new LinkedHashMap<>();

        /** Routes {@code name + descriptor} through slot {@code id}. */
        Builder route(String name, String descriptor, int id) {
            if (id < 0) {
                throw new IllegalArgumentException("slot id " + id + " for " + name + descriptor);
            }
            ids.put(name + descriptor, id);
            return this;
        }

        RoutingPlan build() {
            return new RoutingPlan(Collections.unmodifiableMap(new LinkedHashMap<>(ids)));
        }
    }

    static Builder builder() {
        return new Builder();
    }

    /** The slot id of method {@code name + descriptor}, or {@link #NOT_ROUTED}. */
    int idOf(String name, String descriptor) {
        Integer id = idByNameAndDescriptor.get(name + descriptor);
        return id == null ? NOT_ROUTED : id;
    }

    /** Whether the plan routes no method, so the class is left as it is. */
    boolean isEmpty() {
        return idByNameAndDescriptor.isEmpty();
    }

    /** How many methods the plan routes. */
    int size() {
        return idByNameAndDescriptor.size();
    }

    @Override
    public String toString() {
        return "RoutingPlan" + idByNameAndDescriptor;
    }
}
