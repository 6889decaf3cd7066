package dev.poet.core.feedback;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventTypes;

/** A fixed clock, an event factory on it, and execution events to give feedback on. */
public final class FeedbackFixtures {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T10:00:00Z"), ZoneOffset.UTC);
    public static final EventFactory EVENTS = new EventFactory(new EventMetadata("test", "default", "svc"), CLOCK);

    private FeedbackFixtures() {
    }

    /** A {@code function.execution} event of {@code id} on {@code method}. */
    public static Event execution(String id, String method) {
        return EVENTS.create(EventTypes.FUNCTION_EXECUTION, id, null, Map.of("method", method, "execution_id", id,
                "status", "success"));
    }
}
