package dev.poet.core.events.store;

import java.util.List;

import dev.poet.core.events.Event;

/**
 * Events a consumer read, and the position to {@link ConsumerOffsets#commit} once they are handled (at-least-once:
 * a consumer that dies before committing reads them again).
 */
public record ConsumerBatch(List<Event> events, ConsumerPosition next) {

    public ConsumerBatch {
        events = List.copyOf(events);
    }
}
