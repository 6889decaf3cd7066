package dev.poet.bridge.record;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded, lock-free hand-over of recorded calls from application threads to the engine's one writer thread:
 * a ring of preallocated slots, many producers, one consumer.
 *
 * <p>A producer claims the next sequence with one CAS when its slot is free, writes the slot's fields and
 * publishes it by storing the slot's sequence (release); the consumer reads a slot once its sequence says it is
 * published (acquire), then frees it for the next lap. A producer never blocks, never waits for the consumer and
 * never allocates: when the ring is full the record is dropped and counted ({@link #dropped()}). The slots are
 * columns of primitive arrays allocated once, so the memory bound is {@link #BYTES_PER_SLOT} × capacity plus what
 * the held references point to (throwables and, for methods with {@code optimize-for}, the JSON copies of their
 * inputs, each bounded by {@link ValueSnapshot}).
 *
 * <p>One buffer per JVM is {@link #install installed} by the engine when recording is on; with none installed the
 * dispatcher pays one volatile read per call and records nothing.
 */
public final class ExecutionBuffer {

    /** Default capacity ({@code poet.events.buffer-size}). */
    public static final int DEFAULT_CAPACITY = 1 << 16;
    /**
     * One call in this many (by execution number) of a method without {@code optimize-for} is timed with
     * {@code System.nanoTime}; the others with the {@link dev.poet.runtime.time.CoarseClock}. A power of two.
     */
    public static final int PRECISE_EVERY = 16;
    /**
     * Bytes each slot occupies in the ring's arrays with compressed references: sequence, execution, start,
     * duration, cpu, allocated (8 each), method, attempts, flags (4 each), status (1), three references (4 each).
     */
    public static final int BYTES_PER_SLOT = 6 * 8 + 3 * 4 + 1 + 3 * 4;

    private static volatile ExecutionBuffer global;

    private final int capacity;
    private final int mask;
    /** Per slot: equal to the sequence a producer may claim when free; sequence + 1 once published. */
    private final AtomicLongArray sequences;
    private final AtomicLong tail = new AtomicLong();
    private final LongAdder dropped = new LongAdder();
    /** The next sequence the consumer reads; only the consumer writes it. */
    private volatile long head;

    private final int[] methodIds;
    private final long[] executions;
    private final long[] startMillis;
    private final long[] durations;
    private final byte[] statuses;
    private final int[] attempts;
    private final int[] flags;
    private final Throwable[] errors;
    private final long[] cpuNanos;
    private final long[] allocated;
    private final String[] arguments;
    private final String[] results;

    private final ExecutionRecord view = new ExecutionRecord();

    /** @param capacity slots, a power of two, at least 2 */
    public ExecutionBuffer(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two of at least 2: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.sequences = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            sequences.set(i, i);
        }
        methodIds = new int[capacity];
        executions = new long[capacity];
        startMillis = new long[capacity];
        durations = new long[capacity];
        statuses = new byte[capacity];
        attempts = new int[capacity];
        flags = new int[capacity];
        errors = new Throwable[capacity];
        cpuNanos = new long[capacity];
        allocated = new long[capacity];
        arguments = new String[capacity];
        results = new String[capacity];
    }

    /** The smallest power of two of at least {@code requested} (and 2), capped at 2^30. */
    public static int capacityFor(int requested) {
        if (requested <= 2) {
            return 2;
        }
        if (requested >= 1 << 30) {
            return 1 << 30;
        }
        return Integer.highestOneBit(requested - 1) << 1;
    }

    /** Makes {@code buffer} the one the dispatcher records into; {@code null} switches recording off. */
    public static void install(ExecutionBuffer buffer) {
        global = buffer;
    }

    /** The installed buffer, or {@code null} when recording is off. */
    public static ExecutionBuffer global() {
        return global;
    }

    public int capacity() {
        return capacity;
    }

    /** Records dropped because the ring was full, since it was made. */
    public long dropped() {
        return dropped.sum();
    }

    /** Records waiting to be drained (a snapshot; exact only when no producer is active). */
    public int size() {
        long n = tail.get() - head;
        return (int) Math.max(0, Math.min(capacity, n));
    }

    /**
     * Hands one call's record over, or drops and counts it when the ring is full. Never blocks, never allocates,
     * never throws.
     *
     * @param status   {@link ExecutionRecord#SUCCESS}, {@link ExecutionRecord#FAILURE} or {@link ExecutionRecord#FALLBACK}
     * @param flags    {@link ExecutionFlags} bits, including {@link ExecutionFlags#PRECISE_DURATION} when precise
     * @param cpu      CPU nanoseconds of the call, or {@code -1}
     * @param bytes    bytes allocated by the call, or {@code -1}
     * @param args     the arguments' JSON copy, or {@code null}
     * @param result   the result's JSON copy, or {@code null}
     * @return whether it was taken
     */
    public boolean offer(int methodId, long execution, long start, long durationNanos, int status, int attemptCount,
                         int flags, Throwable error, long cpu, long bytes, String args, String result) {
        AtomicLongArray seqs = sequences;
        long pos = tail.get();
        while (true) {
            int index = (int) pos & mask;
            long seq = seqs.getAcquire(index);
            if (seq == pos) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    methodIds[index] = methodId;
                    executions[index] = execution;
                    startMillis[index] = start;
                    durations[index] = durationNanos;
                    statuses[index] = (byte) status;
                    attempts[index] = attemptCount;
                    this.flags[index] = flags;
                    errors[index] = error;
                    cpuNanos[index] = cpu;
                    allocated[index] = bytes;
                    arguments[index] = args;
                    results[index] = result;
                    seqs.setRelease(index, pos + 1);
                    return true;
                }
                pos = tail.get();
            } else if (seq < pos) {
                // The slot still holds the record of the previous lap: the ring is full.
                dropped.increment();
                return false;
            } else {
                // Another producer claimed this sequence first.
                pos = tail.get();
            }
        }
    }

    /**
     * Hands up to {@code max} published records, oldest first, to {@code sink}; returns how many. For the one
     * consumer: calls are serialised. Stops early at a slot that is claimed but not yet published (its producer is
     * still writing); it is read by a later drain.
     */
    public synchronized int drainTo(ExecutionSink sink, int max) {
        AtomicLongArray seqs = sequences;
        ExecutionRecord r = view;
        int n = 0;
        long pos = head;
        while (n < max) {
            int index = (int) pos & mask;
            if (seqs.getAcquire(index) != pos + 1) {
                break;
            }
            r.methodId = methodIds[index];
            r.execution = executions[index];
            r.startMillis = startMillis[index];
            r.durationNanos = durations[index];
            r.status = statuses[index];
            r.attempts = attempts[index];
            r.flags = flags[index];
            r.error = errors[index];
            r.cpuNanos = cpuNanos[index];
            r.allocatedBytes = allocated[index];
            r.arguments = arguments[index];
            r.result = results[index];
            // The ring must not keep the application's throwables or copies alive once handed over.
            errors[index] = null;
            arguments[index] = null;
            results[index] = null;
            pos++;
            head = pos;
            seqs.setRelease(index, pos - 1 + capacity);
            n++;
            try {
                sink.accept(r);
            } catch (Throwable ignored) {
                // This record is lost; the rest still go through.
            }
        }
        r.error = null;
        r.arguments = null;
        r.result = null;
        return n;
    }
}
