package dev.poet.core.events.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.LongDataType;

import dev.poet.bridge.ExecutionIds;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventTypes;

/**
 * The keyed look-ups over the segments, in an MVStore file ({@code events/index.mv.db}): execution id to the
 * location of its {@code function.execution} record, feedback by execution id and by method and time. A location is
 * a segment number and an offset in one {@code long}. The index is a consumer of the segments like any other: for
 * each segment it keeps the offset it has indexed up to, committed with the entries, so after a crash (or with a
 * deleted index) it catches up from the segments and never points at a record that was not synced first.
 * Not thread-safe: the log serialises its callers.
 */
final class EventIndex implements AutoCloseable {

    static final String FILE = "index.mv.db";
    private static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
    private static final char SEP = '\u0000';

    private static final String RUN_MAP = "executions.";

    private final MVStore store;
    /** Ids not made by {@link ExecutionIds} (tests, other producers); ours go to a map per run, below. */
    private final MVMap<String, Long> executions;
    /** Per JVM run, execution number to location: long keys in near order, several times cheaper than strings. */
    private final Map<String, MVMap<Long, Long>> runs = new java.util.HashMap<>();
    private final MVMap<String, Long> feedback;
    private final MVMap<String, Long> feedbackByMethod;
    private final MVMap<String, Long> segmentIds;
    private final MVMap<Long, String> segmentNames;
    private final MVMap<String, Long> indexedUpTo;

    private EventIndex(MVStore store) {
        this.store = store;
        this.executions = store.openMap("executions");
        this.feedback = store.openMap("feedback");
        this.feedbackByMethod = store.openMap("feedback_by_method");
        this.segmentIds = store.openMap("segment_ids");
        this.segmentNames = store.openMap("segment_names");
        this.indexedUpTo = store.openMap("indexed_up_to");
    }

    /** Why the index could not be opened; the log then scans. */
    static final class Unavailable extends Exception {
        final boolean locked;

        Unavailable(String message, boolean locked, Throwable cause) {
            super(message, cause);
            this.locked = locked;
        }
    }

    /**
     * Opens (or creates) the index in {@code eventsDir}. A file another JVM holds gives {@link Unavailable} with
     * {@code locked}; a damaged one is set aside ({@code index.mv.db.damaged-<millis>}) and rebuilt from the segments.
     */
    static EventIndex open(Path eventsDir, long nowMillis) throws Unavailable {
        Path file = eventsDir.resolve(FILE);
        try {
            return new EventIndex(builder(file).open());
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new Unavailable("the index " + file + " is in use by another writer (a JVM sharing this folder)",
                        true, e);
            }
            try {
                Files.move(file, file.resolveSibling(FILE + ".damaged-" + nowMillis));
                return new EventIndex(builder(file).open());
            } catch (IOException | RuntimeException again) {
                throw new Unavailable("the index " + file + " cannot be opened: " + e.getMessage(), false, again);
            }
        } catch (RuntimeException e) {
            throw new Unavailable("the index " + file + " cannot be opened: " + e.getMessage(), false, e);
        }
    }

    private static MVStore.Builder builder(Path file) {
        // Commits happen right after the segments are synced (see LocalEventLog.sync), never on a timer of MVStore's
        // own: an index entry must never be durable before the record it points to.
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled();
    }

    /** The offset up to which {@code base} has been indexed (its header size when never). */
    long indexedUpTo(String base) {
        Long at = indexedUpTo.get(base);
        return at == null ? SegmentFormat.HEADER_BYTES : at;
    }

    void setIndexedUpTo(String base, long offset) {
        indexedUpTo.put(base, offset);
    }

    /** The number of segment {@code base}, given one on first use. */
    long segmentId(String base) {
        Long id = segmentIds.get(base);
        if (id == null) {
            Long last = segmentNames.lastKey();
            id = last == null ? 1 : last + 1;
            segmentIds.put(base, id);
            segmentNames.put(id, base);
        }
        return id;
    }

    /**
     * Indexes {@code e}, the record at {@code offset} of segment number {@code segment}.
     *
     * @param method the method of a feedback event (its own, or its execution's); ignored for other types
     */
    void add(Event e, long segment, long offset, String method) {
        String type = e.type();
        if (EventTypes.FUNCTION_EXECUTION.equals(type)) {
            String id = executionId(e);
            if (id != null) {
                long n = number(id);
                if (n > 0) {
                    runMap(id.substring(0, 12), true).put(n, location(segment, offset));
                } else {
                    executions.put(id, location(segment, offset));
                }
            }
        } else if (EventTypes.FUNCTION_FEEDBACK.equals(type)) {
            long loc = location(segment, offset);
            String id = executionId(e);
            if (id != null) {
                feedback.put(id + SEP + e.id(), loc);
            }
            if (method != null) {
                feedbackByMethod.put(method + SEP + String.format("%013d", e.timestamp()) + SEP + e.id(), loc);
            }
        }
    }

    static String executionId(Event e) {
        if (e.correlationId() != null) {
            return e.correlationId();
        }
        Object id = e.payload().get("execution_id");
        return id == null ? null : id.toString();
    }

    /** A located record: the segment's base name and the offset. */
    record Location(String base, long offset) {
    }

    Location execution(String executionId) {
        long n = number(executionId);
        if (n > 0) {
            MVMap<Long, Long> run = runMap(executionId.substring(0, 12), false);
            return run == null ? null : resolve(run.get(n));
        }
        return resolve(executions.get(executionId));
    }

    /** The counter of an id {@link ExecutionIds} made, or 0 for any other id. */
    private static long number(String id) {
        if (!ExecutionIds.wellFormed(id)) {
            return 0;
        }
        try {
            return Long.parseLong(id, 13, id.length(), 36);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private MVMap<Long, Long> runMap(String run, boolean create) {
        MVMap<Long, Long> map = runs.get(run);
        if (map == null && (create || store.hasMap(RUN_MAP + run))) {
            map = store.openMap(RUN_MAP + run, new MVMap.Builder<Long, Long>()
                    .keyType(LongDataType.INSTANCE).valueType(LongDataType.INSTANCE));
            runs.put(run, map);
        }
        return map;
    }

    List<Location> feedbackFor(String executionId) {
        return range(feedback, executionId + SEP, executionId + SEP + '\uffff');
    }

    /** Feedback on the method with exactly the key {@code methodKey}, at or after {@code since}. */
    List<Location> feedbackForMethod(String methodKey, long since) {
        return range(feedbackByMethod, methodKey + SEP + String.format("%013d", Math.max(0, since)),
                methodKey + SEP + '\uffff');
    }

    private List<Location> range(MVMap<String, Long> map, String from, String to) {
        List<Location> out = new ArrayList<>();
        Iterator<String> keys = map.keyIterator(from);
        while (keys.hasNext()) {
            String k = keys.next();
            if (k.compareTo(to) > 0) {
                break;
            }
            Location l = resolve(map.get(k));
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    private Location resolve(Long loc) {
        if (loc == null) {
            return null;
        }
        String base = segmentNames.get(loc >>> OFFSET_BITS);
        return base == null ? null : new Location(base, loc & OFFSET_MASK);
    }

    private static long location(long segment, long offset) {
        return segment << OFFSET_BITS | offset;
    }

    /** Forgets the segments {@code bases} (removed by retention) and every entry pointing into them. */
    void drop(Collection<String> bases) {
        Set<Long> ids = new HashSet<>();
        for (String b : bases) {
            Long id = segmentIds.remove(b);
            indexedUpTo.remove(b);
            if (id != null) {
                segmentNames.remove(id);
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        for (MVMap<String, Long> map : List.of(executions, feedback, feedbackByMethod)) {
            dropFrom(map, ids);
        }
        for (String name : store.getMapNames()) {
            if (name.startsWith(RUN_MAP)) {
                String run = name.substring(RUN_MAP.length());
                MVMap<Long, Long> map = runMap(run, false);
                dropFrom(map, ids);
                if (map.isEmpty()) {
                    runs.remove(run);
                    store.removeMap(map);
                }
            }
        }
    }

    private static <K> void dropFrom(MVMap<K, Long> map, Set<Long> segmentIds) {
        List<K> gone = new ArrayList<>();
        for (Map.Entry<K, Long> e : map.entrySet()) {
            if (segmentIds.contains(e.getValue() >>> OFFSET_BITS)) {
                gone.add(e.getKey());
            }
        }
        for (K k : gone) {
            map.remove(k);
        }
    }

    /** The segments the index knows of. */
    Set<String> segments() {
        return new HashSet<>(segmentIds.keySet());
    }

    void commit() {
        store.commit();
    }

    /** Forgets what was added since the last commit; catch-up indexes the records again from the segments. */
    void rollback() {
        store.rollback();
        runs.clear();
    }

    /** Gives back space of old chunks; off the hot path (maintenance). */
    void compact() {
        store.compact(80, 16 << 20);
    }

    @Override
    public void close() {
        store.close();
    }
}
