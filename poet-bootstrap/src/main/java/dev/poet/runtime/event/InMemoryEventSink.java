package dev.poet.runtime.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps every event in memory, unbounded. For tests, and as a stand-in until the engine's event log is attached;
 * thread-safe and non-blocking.
 */
public final class InMemoryEventSink implements PhaseEventSink {

    private final ConcurrentLinkedQueue<PhaseEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void emit(PhaseEvent event) {
        if (event != null) {
            events.add(event);
        }
    }

    /** Every event so far, in emission order (a copy). */
    public List<PhaseEvent> events() {
        return new ArrayList<>(events);
    }

    /** The events of {@code type}, in emission order (a copy). */
    public List<PhaseEvent> ofType(String type) {
        List<PhaseEvent> out = new ArrayList<>();
        for (PhaseEvent e : events) {
            if (e.type().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }

    /** How many events of {@code type} were emitted. */
    public int count(String type) {
        int n = 0;
        for (PhaseEvent e : events) {
            if (e.type().equals(type)) {
                n++;
            }
        }
        return n;
    }

    /** Forgets every event. */
    public void clear() {
        events.clear();
    }
}
