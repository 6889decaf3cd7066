package dev.poet.core.events.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import dev.poet.bridge.ExecutionIds;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventJson;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTooLargeException;
import dev.poet.core.events.EventTypes;
import dev.poet.core.log.PoetLog;

/**
 * The embedded event store under {@code poet.home/events}: an append-only log of checksummed records in segment
 * files ({@link SegmentFormat}), each JVM run writing its own files so that runs sharing a folder never interleave,
 * and an MVStore index for the keyed look-ups ({@link EventIndex}), rebuilt from the segments when it is behind or
 * missing. When another JVM holds the index, this one works without it (look-ups scan) and says so once.
 *
 * <p>{@link #append} buffers, {@link #sync} fsyncs the segment and then commits the index, {@link #appendDurable}
 * does both for one event. After a crash at any moment, a reader sees every synced record and no damaged one.
 * {@link #maintain} applies retention and the size cap; it is for the background writer, never the hot path.
 * Thread-safe.
 */
public final class LocalEventLog implements EventLog {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SegmentDirectory dir;
    private final EventStoreOptions options;
    private final Clock clock;
    private final String writer;
    private final SegmentDirectory.WriterLock writerLock;
    private final EventIndex index;
    private final Retention retention;
    private final ReentrantLock lock = new ReentrantLock();
    private SegmentWriter active;
    private long activeId;
    private long sequence;
    private boolean closed;

    private LocalEventLog(SegmentDirectory dir, EventStoreOptions options, Clock clock, String writer,
                          SegmentDirectory.WriterLock writerLock, EventIndex index) {
        this.dir = dir;
        this.options = options;
        this.clock = clock;
        this.writer = writer;
        this.writerLock = writerLock;
        this.index = index;
        this.retention = new Retention(dir, options, clock);
    }

    /**
     * Opens the store in {@code eventsDir} for writing (one per JVM and folder): creates it when missing, brings the
     * index up to date with segments written before (by earlier runs, by runs that crashed, by other JVMs) and
     * applies retention. This reads every segment the index has not seen, so on a store without an index it takes as
     * long as reading the store once.
     */
    public static LocalEventLog open(Path eventsDir, EventStoreOptions options, Clock clock) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        SegmentDirectory dir = new SegmentDirectory(eventsDir);
        dir.create();
        String writer = ExecutionIds.RUN + "." + INSTANCES.getAndIncrement();
        SegmentDirectory.WriterLock lock = dir.lock(writer);
        EventIndex index = null;
        try {
            index = EventIndex.open(eventsDir, clock.millis());
        } catch (EventIndex.Unavailable e) {
            PoetLog.once(PoetLog.Level.INFO, "events.index.unavailable." + eventsDir,
                    e.getMessage() + "; look-ups of executions and feedback read the segments instead");
        }
        LocalEventLog log = new LocalEventLog(dir, options, clock, writer, lock, index);
        try {
            log.maintain();
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    /**
     * Opens {@code eventsDir} for reading only, while a writer may be running in this or another JVM: reads the
     * segments directly and never touches the writer's files. Appending throws.
     */
    public static EventLog openReader(Path eventsDir) {
        return new ReadOnlyEventLog(new SegmentDirectory(eventsDir));
    }

    /** Whether look-ups use the index (false when another JVM holds it). */
    public boolean indexed() {
        return index != null;
    }

    /** The folder of the store. */
    public Path directory() {
        return dir.eventsDir();
    }

    /** Named readers that resume where they stopped; they see this writer's records once synced. */
    public ConsumerOffsets offsets() {
        return new ConsumerOffsets(dir, this::readLimit);
    }

    @Override
    public void append(List<Event> events) throws IOException {
        List<byte[]> encoded = new ArrayList<>(events.size());
        EventTooLargeException tooLarge = null;
        List<Event> kept = new ArrayList<>(events.size());
        for (Event e : events) {
            byte[] b = EventJson.encode(e);
            if (b.length > MAX_EVENT_BYTES) {
                tooLarge = new EventTooLargeException(e.type(), b.length);
                continue;
            }
            encoded.add(b);
            kept.add(e);
        }
        lock.lock();
        try {
            ensureOpen();
            try {
                for (int i = 0; i < encoded.size(); i++) {
                    write(kept.get(i), encoded.get(i));
                }
                markIndexed();
            } catch (IOException e) {
                abandonActive();
                throw e;
            }
        } finally {
            lock.unlock();
        }
        if (tooLarge != null) {
            throw tooLarge;
        }
    }

    @Override
    public void appendDurable(Event event) throws IOException {
        byte[] b = EventJson.encode(event);
        if (b.length > MAX_EVENT_BYTES) {
            throw new EventTooLargeException(event.type(), b.length);
        }
        lock.lock();
        try {
            ensureOpen();
            try {
                write(event, b);
                active.force();
                markIndexed();
            } catch (IOException e) {
                abandonActive();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sync() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (active != null) {
                try {
                    active.force();
                } catch (IOException e) {
                    abandonActive();
                    throw e;
                }
                markIndexed();
            }
            if (index != null) {
                index.commit();
            }
        } finally {
            lock.unlock();
        }
    }

    private void write(Event e, byte[] bytes) throws IOException {
        if (active == null || !active.fits(bytes.length, options.segmentBytes())) {
            roll();
        }
        long offset = active.append(bytes);
        if (index != null) {
            index.add(e, activeId, offset, feedbackMethod(e));
        }
    }

    private String feedbackMethod(Event e) throws IOException {
        if (!EventTypes.FUNCTION_FEEDBACK.equals(e.type()) || e.method() != null) {
            return e.method();
        }
        String id = EventIndex.executionId(e);
        Optional<Event> exec = id == null ? Optional.empty() : execution(id);
        return exec.map(Event::method).orElse(null);
    }

    private void roll() throws IOException {
        if (active != null) {
            active.close();
            markIndexed(active);
            if (index != null) {
                index.commit();
            }
        }
        sequence++;
        String base = SegmentFile.base(clock.millis(), writer, sequence);
        Path path = dir.segmentsDir().resolve(base + SegmentFile.PLAIN);
        active = SegmentWriter.create(new SegmentFile(path, base, writer, sequence, false));
        activeId = index == null ? 0 : index.segmentId(base);
    }

    /**
     * After a failed write or sync: what this segment holds up to its last good record stays readable; what was
     * buffered is lost (it was never reported durable), and the next append starts a new segment. The index is
     * rolled back to its last commit, which never points past a synced record.
     */
    private void abandonActive() {
        if (active != null) {
            active.abandon();
            active = null;
            if (index != null) {
                index.rollback();
            }
        }
    }

    private void markIndexed() {
        if (active != null) {
            markIndexed(active);
        }
    }

    private void markIndexed(SegmentWriter w) {
        if (index != null) {
            index.setIndexedUpTo(w.file().base(), w.position());
        }
    }

    /** How far consumers may read in {@code base}: this writer's active segment only up to what is synced. */
    private long readLimit(String base) {
        lock.lock();
        try {
            return active != null && active.file().base().equals(base) ? active.durablePosition() : Long.MAX_VALUE;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the index (not a scan) knows {@code executionId}; for tests of catch-up. */
    boolean indexHasExecution(String executionId) {
        lock.lock();
        try {
            return index != null && index.execution(executionId) != null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Event> execution(String executionId) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            flush();
            if (index != null) {
                EventIndex.Location at = index.execution(executionId);
                if (at != null) {
                    Event e = read(at);
                    if (e != null && EventTypes.FUNCTION_EXECUTION.equals(e.type())) {
                        return Optional.of(e);
                    }
                }
            }
            List<Event> found = SegmentScan.matching(unindexed(), new EventQuery(EventTypes.FUNCTION_EXECUTION, null,
                    0, executionId, 0), this::indexedUpTo);
            return found.stream().filter(e -> executionId.equals(EventIndex.executionId(e))).findFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Event> feedbackFor(String executionId) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            flush();
            List<Event> out = new ArrayList<>();
            if (index != null) {
                for (EventIndex.Location at : index.feedbackFor(executionId)) {
                    Event e = read(at);
                    if (e != null) {
                        out.add(e);
                    }
                }
            }
            out.addAll(SegmentScan.matching(unindexed(), new EventQuery(EventTypes.FUNCTION_FEEDBACK, null, 0,
                    executionId, 0), this::indexedUpTo));
            return distinctByTime(out);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Event> feedbackForMethod(String methodKey, long sinceMillis) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            flush();
            List<Event> out = new ArrayList<>();
            if (index != null) {
                for (EventIndex.Location at : index.feedbackForMethod(methodKey, sinceMillis)) {
                    Event e = read(at);
                    if (e != null) {
                        out.add(e);
                    }
                }
            }
            for (Event e : SegmentScan.matching(unindexed(), new EventQuery(EventTypes.FUNCTION_FEEDBACK, null,
                    sinceMillis, null, 0), this::indexedUpTo)) {
                if (methodKey.equals(feedbackMethod(e))) {
                    out.add(e);
                }
            }
            return distinctByTime(out);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Event> query(EventQuery query) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            flush();
        } finally {
            lock.unlock();
        }
        return SegmentScan.matching(dir.list(), query, base -> 0L);
    }

    /**
     * Retention and the size cap ({@link Retention}), and indexing what other writers appended since: for the
     * background writer, every few minutes. Never throws for a segment another JVM removed first.
     */
    public void maintain() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            catchUp();
            List<String> removed = retention.apply();
            if (index != null) {
                index.drop(removed);
                index.commit();
                index.compact();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Indexes every segment but the active one from where the index stopped. */
    private void catchUp() throws IOException {
        if (index == null) {
            return;
        }
        for (SegmentFile s : dir.list()) {
            if (active != null && active.file().base().equals(s.base())) {
                continue;
            }
            long from = index.indexedUpTo(s.base());
            long id = index.segmentId(s.base());
            long end = SegmentReader.scan(s, from, Long.MAX_VALUE, (offset, payload, length) -> {
                Event e = EventJson.decode(payload, 0, length);
                index.add(e, id, offset, feedbackMethod(e));
                return true;
            });
            if (end > from) {
                index.setIndexedUpTo(s.base(), end);
            }
        }
        index.commit();
    }

    /** Segments with records the index has not seen (all of them without an index), the active one excepted. */
    private List<SegmentFile> unindexed() throws IOException {
        List<SegmentFile> out = new ArrayList<>();
        for (SegmentFile s : dir.list()) {
            if (index == null) {
                out.add(s);
            } else if (!(active != null && active.file().base().equals(s.base()))) {
                long from = index.indexedUpTo(s.base());
                if (s.compressed() ? from == SegmentFormat.HEADER_BYTES : sizeOf(s) > from) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private long indexedUpTo(String base) {
        return index == null ? 0 : index.indexedUpTo(base);
    }

    private static long sizeOf(SegmentFile s) {
        try {
            return Files.size(s.path());
        } catch (IOException e) {
            return 0;
        }
    }

    private Event read(EventIndex.Location at) throws IOException {
        for (SegmentFile s : dir.list()) {
            if (s.base().equals(at.base())) {
                Event e = SegmentReader.readAt(s, at.offset());
                if (e == null && !s.compressed()) {
                    SegmentFile now = SegmentReader.current(s);
                    if (now.compressed()) {
                        e = SegmentReader.readAt(now, at.offset());
                    }
                }
                return e;
            }
        }
        return null;
    }

    private static List<Event> distinctByTime(List<Event> events) {
        Map<String, Event> byId = new LinkedHashMap<>();
        for (Event e : events) {
            byId.putIfAbsent(e.id(), e);
        }
        List<Event> out = new ArrayList<>(byId.values());
        out.sort(java.util.Comparator.comparingLong(Event::timestamp));
        return out;
    }

    private void flush() throws IOException {
        if (active != null) {
            active.flush();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the event log in " + dir.eventsDir() + " is closed");
        }
    }

    /** Syncs what was appended, commits and closes the index, and releases this writer's lock. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (active != null) {
                    active.close();
                    markIndexed(active);
                }
            } finally {
                try {
                    if (index != null) {
                        index.close();
                    }
                } finally {
                    writerLock.close();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
