package dev.poet.runtime.event;

/**
 * Where the phase runtime reports its decisions. Implementations must not block and must not throw: they are
 * called on the application's threads.
 */
public interface PhaseEventSink {

    /** Takes one event; must return quickly and never throw. */
    void emit(PhaseEvent event);

    /** A sink that drops everything. */
    PhaseEventSink NONE = new PhaseEventSink() {
        @Override
        public void emit(PhaseEvent event) {
        }
    };
}
