package dev.poet.core.engine;

import dev.poet.bridge.MethodStats;
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.event.PhaseEventSink;

/** A method's event sink: counts violations for the summary, then forwards. Never throws. */
final class CountingSink implements PhaseEventSink {

    private final MethodStats stats;
    private final PhaseEventSink next;

    CountingSink(MethodStats stats, PhaseEventSink next) {
        this.stats = stats;
        this.next = next;
    }

    @Override
    public void emit(PhaseEvent event) {
        try {
            if (event.type().endsWith(".violation")) {
                stats.violations.increment();
            }
            next.emit(event);
        } catch (RuntimeException ignored) {
            // An event that cannot be recorded must not fail the call that produced it.
        }
    }
}
