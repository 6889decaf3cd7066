package dev.poet.core.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link EventLog} in memory, for tests of what writes to or reads from a log (not of the log itself): keeps
 * every event, counts syncs and durable appends, and encodes each event once so size limits apply as on disk.
 */
public final class MemoryEventLog implements EventLog {

    private final List<Event> events = new ArrayList<>();
    private final AtomicInteger syncs = new AtomicInteger();
    private final AtomicInteger durable = new AtomicInteger();
    private volatile boolean closed;

    @Override
    public synchronized void append(List<Event> batch) throws IOException {
        ensureOpen();
        EventTooLargeException tooLarge = null;
        for (Event e : batch) {
            int size = EventJson.encode(e).length;
            if (size > MAX_EVENT_BYTES) {
                tooLarge = new EventTooLargeException(e.type(), size);
                continue;
            }
            events.add(e);
        }
        if (tooLarge != null) {
            throw tooLarge;
        }
    }

    @Override
    public synchronized void appendDurable(Event event) throws IOException {
        append(List.of(event));
        durable.incrementAndGet();
        syncs.incrementAndGet();
    }

    @Override
    public void sync() throws IOException {
        ensureOpen();
        syncs.incrementAndGet();
    }

    @Override
    public synchronized Optional<Event> execution(String executionId) {
        for (Event e : events) {
            if (e.type().equals(EventTypes.FUNCTION_EXECUTION) && executionId.equals(e.correlationId())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<Event> feedbackFor(String executionId) {
        return query(new EventQuery(EventTypes.FUNCTION_FEEDBACK, null, 0, executionId, 0));
    }

    @Override
    public synchronized List<Event> feedbackForMethod(String methodKey, long sinceMillis) {
        return query(new EventQuery(EventTypes.FUNCTION_FEEDBACK, methodKey, sinceMillis, null, 0));
    }

    @Override
    public synchronized List<Event> query(EventQuery query) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (query.matches(e)) {
                out.add(e);
            }
        }
        if (query.limit() > 0 && out.size() > query.limit()) {
            return new ArrayList<>(out.subList(out.size() - query.limit(), out.size()));
        }
        return out;
    }

    /** Every event so far, in order (a copy). */
    public synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    public int syncs() {
        return syncs.get();
    }

    public int durableAppends() {
        return durable.get();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("event log is closed");
        }
    }
}
