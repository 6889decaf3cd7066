package dev.poet.core.events.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventSource;
import dev.poet.core.events.EventTooLargeException;
import dev.poet.core.events.EventTypes;
import dev.poet.core.log.PoetLog;

/**
 * The one thread that writes events to the {@link EventLog}: a daemon named {@value #THREAD_NAME}. Every batch
 * window ({@code poet.events.batch-ms}) it drains its {@link EventSource}s and its own queue, appends what they
 * gave as one batch and syncs once, so a crash loses at most the last window and the disk sees one sync per window,
 * never one per event.
 *
 * <p>Application threads only {@link #offer} (lock-free, bounded: a full queue refuses and counts, it never
 * blocks and never grows). Feedback, which must never be dropped, is written synchronously by
 * {@link #writeDurable}. Nothing of the log's failures reaches a caller of {@code offer}: an event too large is
 * dropped alone, a log that throws costs that batch (counted, logged once per kind of failure) and the writer
 * goes on. What was dropped is counted ({@link #dropped()}) and said in an {@code events.dropped} event in the
 * first batch after the count grew.
 *
 * <p>The writer does not own the log: closing the writer flushes it, closing the log is the caller's.
 */
public final class EventWriter implements AutoCloseable {

    /** The writer thread's name. */
    public static final String THREAD_NAME = "poet-events";
    /** How long {@link #close()} and {@link #flushNow()} wait for the writer thread at most. */
    public static final long DEFAULT_WAIT_MS = 5_000;

    private final EventLog log;
    private final long batchMs;
    private final int capacity;
    private final EventFactory factory;
    private final List<EventSource> sources = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    /** Events in {@link #queue}; an offer reserves a place here before adding, so the queue never exceeds the bound. */
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private final LongAdder tooLarge = new LongAdder();
    private final LongAdder writeFailed = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final Set<String> reportedFailures = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor thread;
    private final Object batchLock = new Object();
    /** Dropped count already said in an {@code events.dropped} event; writer thread (under {@link #batchLock}). */
    private long reportedDropped;
    private volatile Thread writerThread;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * A writer whose own {@code events.dropped} events carry metadata {@code unknown}; prefer
     * {@link #EventWriter(EventLog, long, int, EventFactory)}.
     */
    public EventWriter(EventLog log, long batchMs, int queueCapacity) {
        this(log, batchMs, queueCapacity, new EventFactory(
                new dev.poet.core.events.EventMetadata("unknown", "default", null), java.time.Clock.systemUTC()));
    }

    /**
     * @param log           where events go
     * @param batchMs       the batch window: drain, append and sync every this many milliseconds (at least 1)
     * @param queueCapacity the most events {@link #offer} holds between two windows (at least 1)
     * @param factory       makes the writer's own {@code events.dropped} events
     */
    public EventWriter(EventLog log, long batchMs, int queueCapacity, EventFactory factory) {
        this.log = Objects.requireNonNull(log, "log");
        this.factory = Objects.requireNonNull(factory, "factory");
        if (batchMs < 1) {
            throw new IllegalArgumentException("batchMs must be >= 1, was " + batchMs);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1, was " + queueCapacity);
        }
        this.batchMs = batchMs;
        this.capacity = queueCapacity;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            writerThread = t;
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Adds a source drained once per window, on the writer thread (or by {@link #flushNow}'s caller when not started). */
    public void addSource(EventSource source) {
        sources.add(Objects.requireNonNull(source, "source"));
    }

    /**
     * Queues {@code event} for the next window. Never blocks, never throws; false (and counted in
     * {@link #dropped()}) when the queue is full or the writer closed.
     */
    public boolean offer(Event event) {
        if (event == null) {
            return false;
        }
        if (closed) {
            refused.increment();
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            refused.increment();
            return false;
        }
        queue.add(event);
        return true;
    }

    /**
     * Appends {@code event} and syncs it before returning, bypassing the queue: for what must never be dropped
     * (feedback, acknowledged only once this returned).
     *
     * @throws IOException when the log could not make it durable; then it must not be acknowledged
     */
    public void writeDurable(Event event) throws IOException {
        log.appendDurable(Objects.requireNonNull(event, "event"));
        written.increment();
    }

    /** Starts the writer thread; once. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        thread.scheduleWithFixedDelay(this::scheduledBatch, batchMs, batchMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Drains every source and the queue, appends, syncs, and returns once that is on disk (or failed). Runs on the
     * writer thread when it runs, waiting at most {@link #DEFAULT_WAIT_MS}; inline otherwise.
     *
     * @return true when everything drained was appended and synced
     */
    public boolean flushNow() {
        if (started && !closed && !onWriterThread()) {
            try {
                Future<Boolean> done = thread.submit(() -> batch(true));
                return done.get(DEFAULT_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Closed meanwhile: close() flushed.
                return batch(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                failure("flush", e);
                return false;
            }
        }
        return batch(true);
    }

    /** Events refused or lost so far: queue full (or offered after close), too large, or in a batch the log refused. */
    public long dropped() {
        return refused.sum() + tooLarge.sum() + writeFailed.sum();
    }

    /** Events appended so far (durable ones included). */
    public long written() {
        return written.sum();
    }

    /** Batches appended so far. */
    public long batches() {
        return batches.sum();
    }

    /** Events waiting in the queue. */
    public int queued() {
        return queued.get();
    }

    /** Stops the window, writes what is left and syncs; waits at most {@link #DEFAULT_WAIT_MS}. */
    @Override
    public void close() {
        close(DEFAULT_WAIT_MS);
    }

    /** As {@link #close()}, waiting at most {@code millis} for a batch being written. */
    public void close(long millis) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
                PoetLog.warn("event writer: a batch was still being written after " + millis
                        + " ms at exit; events of the last window may be lost");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        batch(true);
    }

    private boolean onWriterThread() {
        return Thread.currentThread() == writerThread;
    }

    private void scheduledBatch() {
        try {
            batch(false);
        } catch (Throwable t) {
            // A periodic task that throws is never run again: nothing may end the window.
            failure("batch", t);
        }
    }

    /** One window: drain, append, sync. {@code force}: sync even when nothing new was drained. */
    private boolean batch(boolean force) {
        synchronized (batchLock) {
            List<Event> out = new ArrayList<>();
            for (EventSource source : sources) {
                try {
                    source.drainTo(out);
                } catch (Throwable t) {
                    failure("source " + source.getClass().getName(), t);
                }
            }
            // At most one queue's worth: producers refilling the queue while it drains must not grow the batch.
            Event queuedEvent;
            for (int n = 0; n < capacity && (queuedEvent = queue.poll()) != null; n++) {
                queued.decrementAndGet();
                out.add(queuedEvent);
            }
            long reportedBefore = reportedDropped;
            Event droppedEvent = droppedEvent();
            if (droppedEvent != null) {
                out.add(droppedEvent);
            }
            if (out.isEmpty() && !force) {
                return true;
            }
            boolean ok = true;
            if (!out.isEmpty()) {
                ok = append(out, droppedEvent != null ? 1 : 0);
                if (!ok) {
                    // The report of drops was lost with the batch: the next one says them again.
                    reportedDropped = reportedBefore;
                }
            }
            try {
                log.sync();
            } catch (IOException | RuntimeException e) {
                failure("sync", e);
                ok = false;
            }
            return ok;
        }
    }

    /** {@code own}: how many of {@code out} are the writer's own reports, not counted when lost. */
    private boolean append(List<Event> out, int own) {
        try {
            log.append(out);
            written.add(out.size());
            batches.increment();
            return true;
        } catch (EventTooLargeException e) {
            // The log appended the others; the one it refused is lost alone.
            tooLarge.increment();
            written.add(out.size() - 1L);
            batches.increment();
            failure("too large", e);
            return true;
        } catch (IOException | RuntimeException e) {
            writeFailed.add(out.size() - own);
            failure("append " + e.getClass().getName(), e);
            return false;
        }
    }

    /** An {@code events.dropped} event when the count grew since the last one said it, else null. */
    private Event droppedEvent() {
        long total = dropped();
        if (total <= reportedDropped) {
            return null;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("dropped", total - reportedDropped);
        payload.put("total_dropped", total);
        payload.put("source", THREAD_NAME);
        payload.put("queue_full", refused.sum());
        payload.put("too_large", tooLarge.sum());
        payload.put("write_failed", writeFailed.sum());
        reportedDropped = total;
        try {
            return factory.create(EventTypes.EVENTS_DROPPED, null, null, payload);
        } catch (RuntimeException e) {
            failure("dropped event", e);
            return null;
        }
    }

    /** Logs a failure the first time its kind happens; the count is kept by the caller. */
    private void failure(String kind, Throwable t) {
        if (reportedFailures.add(kind)) {
            PoetLog.warn("event writer: " + kind + " failed (" + t + "); the writer goes on, events it could not"
                    + " write are counted as dropped, and further failures of this kind are not logged");
        }
    }
}
