package dev.poet.core.events;

import java.util.List;

/**
 * Something that gathers events between writes (the execution recorder, the phase-decision queue) and hands them
 * to the event writer once per batch window, on the writer's thread.
 */
public interface EventSource {

    /** Adds to {@code out} what was gathered since the last call; must not block and must not throw. */
    void drainTo(List<Event> out);
}
