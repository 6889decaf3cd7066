package dev.poet.core.events;

import java.util.concurrent.atomic.AtomicLong;

import dev.poet.bridge.ExecutionIds;

/**
 * Event ids: this JVM run's random prefix (shared with execution ids, {@link ExecutionIds#RUN}), {@code -e} and a
 * counter, so ids are unique across runs and instances sharing a {@code .poet} without a lookup.
 */
public final class EventIds {

    private static final AtomicLong NEXT = new AtomicLong();

    private EventIds() {
    }

    /** A new event id, e.g. {@code k3f9q2m7x1ab-e1f}. */
    public static String next() {
        return ExecutionIds.RUN + "-e" + Long.toString(NEXT.incrementAndGet(), 36);
    }
}
