package dev.poet.core.events.write;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.MemoryEventLog;

/**
 * A {@link MemoryEventLog} that can be told to fail its next appends or syncs, and notes the order of what it was
 * asked to do ({@code append:N}, {@code sync}), with the thread that asked.
 */
final class ScriptedLog implements EventLog {

    final MemoryEventLog events = new MemoryEventLog();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger failAppends = new AtomicInteger();
    final AtomicInteger failAppendsUnchecked = new AtomicInteger();
    final AtomicInteger failSyncs = new AtomicInteger();

    @Override
    public void append(List<Event> batch) throws IOException {
        calls.add("append:" + batch.size());
        threads.add(Thread.currentThread().getName());
        if (failAppends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("disk full");
        }
        if (failAppendsUnchecked.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("store corrupt");
        }
        events.append(batch);
    }

    @Override
    public void appendDurable(Event event) throws IOException {
        calls.add("durable");
        events.appendDurable(event);
    }

    @Override
    public void sync() throws IOException {
        calls.add("sync");
        if (failSyncs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("fsync failed");
        }
        events.sync();
    }

    @Override
    public Optional<Event> execution(String executionId) {
        return events.execution(executionId);
    }

    @Override
    public List<Event> feedbackFor(String executionId) {
        return events.feedbackFor(executionId);
    }

    @Override
    public List<Event> feedbackForMethod(String methodKey, long sinceMillis) {
        return events.feedbackForMethod(methodKey, sinceMillis);
    }

    @Override
    public List<Event> query(EventQuery query) {
        return events.query(query);
    }

    @Override
    public void close() {
        events.close();
    }
}
