package dev.poet.core.events.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a consumer stands: for each segment (by base name) the offset after the last record it consumed. Segments
 * not named are unread. One offset per segment, not one for the whole store, because segments of several JVMs
 * sharing a folder grow at the same time.
 */
public record ConsumerPosition(Map<String, Long> offsets) {

    public ConsumerPosition {
        offsets = java.util.Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    /** Before every record. */
    public static ConsumerPosition start() {
        return new ConsumerPosition(Map.of());
    }

    long offset(String base) {
        Long at = offsets.get(base);
        return at == null ? 0 : at;
    }
}
