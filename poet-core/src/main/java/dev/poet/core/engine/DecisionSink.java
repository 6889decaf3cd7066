package dev.poet.core.engine;

import dev.poet.bridge.MethodStats;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.event.PhaseEventSink;

/**
 * A method's event sink, called on the thread that took the decision (the caller's, or a deadline worker's):
 * counts violations for the summary, hands the decision to the event log linked to the call running there
 * ({@link EngineEvents#decision}), then forwards it. Never throws, never blocks.
 */
final class DecisionSink implements PhaseEventSink {

    private final MethodStats stats;
    private final EngineEvents events;
    private final PhaseEventSink next;

    DecisionSink(MethodStats stats, EngineEvents events, PhaseEventSink next) {
        this.stats = stats;
        this.events = events;
        this.next = next;
    }

    @Override
    public void emit(PhaseEvent event) {
        try {
            if (event.type().endsWith(".violation")) {
                stats.violations.increment();
            }
            events.decision(event);
            next.emit(event);
        } catch (RuntimeException ignored) {
            // An event that cannot be recorded must not fail the call that produced it.
        }
    }
}
