package dev.poet.runtime.event;

import dev.poet.runtime.time.Clock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds and emits the {@link PhaseEvent}s of one method: binds the sink, the method key and the clock once, so
 * each decision site only names its type and fields. Only decisions emit, so the allocation here is off the
 * success path.
 */
public final class EventEmitter {

    private final PhaseEventSink sink;
    private final String methodKey;
    private final Clock clock;

    /**
     * @param sink      where events go; {@code null} means {@link PhaseEventSink#NONE}
     * @param methodKey the method the events concern
     * @param clock     timestamps; {@code null} means {@link Clock#SYSTEM}
     */
    public EventEmitter(PhaseEventSink sink, String methodKey, Clock clock) {
        this.sink = sink == null ? PhaseEventSink.NONE : sink;
        this.methodKey = methodKey;
        this.clock = clock == null ? Clock.SYSTEM : clock;
    }

    /** The method key events are stamped with. */
    public String methodKey() {
        return methodKey;
    }

    /**
     * Emits an event of {@code type} with fields given as alternating names and values. A sink that throws is
     * ignored: reporting a decision must never change the application's outcome.
     */
    public void emit(String type, Object... namesAndValues) {
        if (sink == PhaseEventSink.NONE) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        try {
            sink.emit(new PhaseEvent(type, methodKey, clock.currentTimeMillis(), fields));
        } catch (RuntimeException ignored) {
            // The sink contract says "never throw"; a broken sink must still not break the call.
        }
    }
}
