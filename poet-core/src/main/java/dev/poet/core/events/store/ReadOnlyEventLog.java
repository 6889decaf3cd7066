package dev.poet.core.events.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;

/**
 * A reader of a store another JVM may be writing: it reads the segments only, so it never holds a lock the writer
 * needs (the writer's index is its own; opening it here would keep a later writer from opening it). Look-ups by
 * execution id scan, skipping records whose bytes do not hold the id.
 */
final class ReadOnlyEventLog implements EventLog {

    private final SegmentDirectory dir;
    private volatile boolean closed;

    ReadOnlyEventLog(SegmentDirectory dir) {
        this.dir = dir;
    }

    @Override
    public void append(List<Event> events) throws IOException {
        throw new IOException("the event log in " + dir.eventsDir() + " is open for reading only");
    }

    @Override
    public void appendDurable(Event event) throws IOException {
        throw new IOException("the event log in " + dir.eventsDir() + " is open for reading only");
    }

    @Override
    public void sync() throws IOException {
        throw new IOException("the event log in " + dir.eventsDir() + " is open for reading only");
    }

    @Override
    public Optional<Event> execution(String executionId) throws IOException {
        return query(new EventQuery(EventTypes.FUNCTION_EXECUTION, null, 0, executionId, 0)).stream()
                .filter(e -> executionId.equals(EventIndex.executionId(e))).findFirst();
    }

    @Override
    public List<Event> feedbackFor(String executionId) throws IOException {
        return query(new EventQuery(EventTypes.FUNCTION_FEEDBACK, null, 0, executionId, 0));
    }

    @Override
    public List<Event> feedbackForMethod(String methodKey, long sinceMillis) throws IOException {
        List<Event> feedback = query(new EventQuery(EventTypes.FUNCTION_FEEDBACK, null, sinceMillis, null, 0));
        List<Event> out = new java.util.ArrayList<>();
        for (Event e : feedback) {
            String method = e.method();
            if (method == null) {
                String id = EventIndex.executionId(e);
                method = id == null ? null : execution(id).map(Event::method).orElse(null);
            }
            if (methodKey.equals(method)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public List<Event> query(EventQuery query) throws IOException {
        if (closed) {
            throw new IOException("the event log reader of " + dir.eventsDir() + " is closed");
        }
        return SegmentScan.matching(dir.list(), query, base -> 0L);
    }

    @Override
    public void close() {
        closed = true;
    }
}
