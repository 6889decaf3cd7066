package dev.poet.core.events;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the events of one JVM run: binds their metadata and clock once, gives each a new id.
 */
public final class EventFactory {

    private final EventMetadata metadata;
    private final Clock clock;

    public EventFactory(EventMetadata metadata, Clock clock) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EventMetadata metadata() {
        return metadata;
    }

    public Clock clock() {
        return clock;
    }

    /** A new event of {@code type} stamped now. */
    public Event create(String type, String correlationId, String causationId, Map<String, Object> payload) {
        return create(type, clock.millis(), correlationId, causationId, payload);
    }

    /** A new event of {@code type} stamped {@code timestamp} (epoch milliseconds). */
    public Event create(String type, long timestamp, String correlationId, String causationId,
                        Map<String, Object> payload) {
        return new Event(EventIds.next(), type, timestamp, correlationId, causationId, metadata, payload);
    }
}
