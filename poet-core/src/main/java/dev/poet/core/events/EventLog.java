package dev.poet.core.events;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The event store: an append-only, crash-safe log of {@link Event}s with keyed look-ups. One instance per JVM
 * owns writing; readers (the CLI, a second JVM) may read while it runs. Thread-safe.
 */
public interface EventLog extends AutoCloseable {

    /** Largest encoded event accepted, in bytes (1 MiB); a larger one is refused with {@link EventTooLargeException}. */
    int MAX_EVENT_BYTES = 1 << 20;

    /**
     * Appends events; they are durable after the next {@link #sync()} (the engine syncs once per batch window).
     * Never blocks on another writer for long.
     *
     * @throws EventTooLargeException when one encodes to more than {@link #MAX_EVENT_BYTES}; the others of the
     *                                batch are still appended
     */
    void append(List<Event> events) throws IOException;

    /** Appends one event and syncs it to disk before returning: for feedback, which is acknowledged only then. */
    void appendDurable(Event event) throws IOException;

    /** Makes everything appended so far durable (fsync). */
    void sync() throws IOException;

    /** The {@code function.execution} event of {@code executionId}, from this run or an earlier one. */
    Optional<Event> execution(String executionId) throws IOException;

    /** The {@code function.feedback} events of {@code executionId}, oldest first. */
    List<Event> feedbackFor(String executionId) throws IOException;

    /** The {@code function.feedback} events of the method with key {@code methodKey} at or after {@code sinceMillis}, oldest first. */
    List<Event> feedbackForMethod(String methodKey, long sinceMillis) throws IOException;

    /** Events matching {@code query}, oldest first. */
    List<Event> query(EventQuery query) throws IOException;

    @Override
    void close() throws IOException;
}
