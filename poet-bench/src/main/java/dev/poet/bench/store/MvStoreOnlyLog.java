package dev.poet.bench.store;

import java.nio.file.Path;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventJson;
import dev.poet.core.events.EventTypes;

/**
 * The other design measured against the segment log: everything in one MVStore, a map per stream (event type) from
 * a sequence number to the event's JSON, plus the execution-id map, committed once per batch window. Only what the
 * throughput measurement needs (append and sync); MVStore's chunk checksums give its crash safety.
 */
final class MvStoreOnlyLog implements AutoCloseable {

    private final MVStore store;
    private final MVMap<Long, byte[]> executions;
    private final MVMap<Long, byte[]> others;
    private final MVMap<String, Long> byExecutionId;
    private long sequence;

    MvStoreOnlyLog(Path file) {
        store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        executions = store.openMap("stream." + EventTypes.FUNCTION_EXECUTION);
        others = store.openMap("stream.other");
        byExecutionId = store.openMap("index.execution_id");
    }

    void append(List<Event> events) {
        for (Event e : events) {
            byte[] json = EventJson.encode(e);
            long seq = ++sequence;
            if (EventTypes.FUNCTION_EXECUTION.equals(e.type())) {
                executions.put(seq, json);
                byExecutionId.put(e.correlationId(), seq);
            } else {
                others.put(seq, json);
            }
        }
    }

    /** Commits and fsyncs (MVStore's commit alone writes the chunk without forcing it). */
    void sync() {
        store.commit();
        store.sync();
    }

    @Override
    public void close() {
        store.close();
    }
}
