package dev.poet.core.train;

import java.util.Map;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.write.EventWriter;

/** Where Train's events go: through the one event writer, never blocking. */
public interface TrainEvents {

    /** Queues an event of {@code type}; returns its id (null when nothing is written). */
    String emit(String type, String causationId, Map<String, Object> payload);

    /** Writes nothing. */
    TrainEvents NONE = (type, causationId, payload) -> null;

    /** Through {@code writer}, stamped by {@code factory}. */
    static TrainEvents writingTo(EventWriter writer, EventFactory factory) {
        return (type, causationId, payload) -> {
            Event e = factory.create(type, null, causationId, payload);
            return writer.offer(e) ? e.id() : null;
        };
    }
}
