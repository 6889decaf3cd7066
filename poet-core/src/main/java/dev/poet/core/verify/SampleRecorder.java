package dev.poet.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arguments (and results) of real calls, kept in memory as verification samples: at most
 * {@link #DEFAULT_CAPACITY} per method in a ring (the newest replace the oldest).
 *
 * <p>What is kept, see {@link Values}: a sample with a string longer than 10,000 chars, an array or collection of
 * more than 1,000 elements, or nesting deeper than 16 is not recorded at all (a trimmed value might not be a valid
 * input any more). Strings, boxed primitives and other immutable JDK values are shared; arrays, the common JDK
 * collections and maps of them, and plain application objects (field by field, without running their code) are
 * deep-copied, so the application changing them later does not change the sample and verification never touches
 * the application's own objects; any other object (records, unusual collection classes, application classes
 * extending a JDK class) is kept by reference: it is kept alive while it is a sample, and a later change of it
 * shows in the sample.
 *
 * <p>Samples are real data. They are never written anywhere ({@code poet.verify.persist-samples}, default false,
 * is not supported yet: samples live only as long as the JVM), never shown in verification messages (only their
 * types), and recording can be switched off for all methods (constructor flag) or for one method handling personal
 * data ({@code record-samples=false}, see {@link #exclude(int)}).
 *
 * <p>How the engine feeds it: a method verification had no sample for waits in the {@code Recording} slot state;
 * the dispatcher hands the arguments of its first few calls to the engine, which calls {@link #record(int, Object[])}
 * on the caller's thread, before the original runs (the original may change them; a copy taken afterwards would
 * not be the input it was given). The copy is bounded as above and only a few calls per method are handed over,
 * so the caller's cost is bounded too. Arguments and results of enhanced calls
 * ({@link #record(int, Object[], Object)}, for Train) are not fed yet. A call that threw is not a sample of a
 * valid input. Thread-safe.
 */
public final class SampleRecorder {

    /** Samples kept per method. */
    public static final int DEFAULT_CAPACITY = 16;

    private final boolean enabled;
    private final int capacity;
    private final Map<Integer, Ring> rings = new ConcurrentHashMap<>();
    private final Set<Integer> excluded = ConcurrentHashMap.newKeySet();

    /** A recorder keeping {@link #DEFAULT_CAPACITY} samples per method. */
    public SampleRecorder() {
        this(true, DEFAULT_CAPACITY);
    }

    /**
     * @param recordSamples false to record nothing at all (every method is verified on synthesised samples)
     * @param capacity      samples kept per method, at least 1
     */
    public SampleRecorder(boolean recordSamples, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.enabled = recordSamples;
        this.capacity = capacity;
    }

    /** Whether this recorder records at all. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Never records {@code methodId} again and forgets what was recorded for it ({@code record-samples=false}). */
    public void exclude(int methodId) {
        excluded.add(methodId);
        rings.remove(methodId);
    }

    /**
     * Records the arguments of a call without its result, copied now (see the class comment).
     *
     * @return whether they were kept: false when recording is off or excluded for the method, or the arguments
     *         are outside the bounds of a sample
     */
    public boolean record(int methodId, Object[] args) {
        return add(methodId, args, false, null);
    }

    /** Records the arguments and result ({@code null} for void) of a call that returned normally. */
    public void record(int methodId, Object[] args, Object result) {
        add(methodId, args, true, result);
    }

    private boolean add(int methodId, Object[] args, boolean hasResult, Object result) {
        if (!enabled || args == null || excluded.contains(methodId)) {
            return false;
        }
        Sample sample;
        try {
            sample = new Sample(Values.copyAll(args), hasResult, hasResult ? Values.copy(result) : null);
        } catch (Values.TooLarge | RuntimeException e) {
            // Too large, or a collection changed under us by another thread: not a sample.
            return false;
        }
        if (excluded.contains(methodId)) {
            return false;
        }
        rings.computeIfAbsent(methodId, id -> new Ring(capacity)).add(sample);
        return true;
    }

    /** How many samples are kept for {@code methodId}. */
    public int count(int methodId) {
        Ring ring = rings.get(methodId);
        return ring == null ? 0 : ring.size();
    }

    /** Forgets the samples of {@code methodId} (a method whose class was redefined). */
    public void clear(int methodId) {
        rings.remove(methodId);
    }

    /**
     * The recorded samples of {@code methodId}, oldest first, as fresh copies (verification may hand them to an
     * enhancement that changes them); {@code null} when there are none.
     *
     * @param returnType the method's return type: results are given only when every sample has one (a void
     *                   method gets one {@code null} result)
     */
    public SampleSet samples(int methodId, Class<?> returnType) {
        Ring ring = rings.get(methodId);
        List<Sample> kept = ring == null ? List.of() : ring.snapshot();
        if (kept.isEmpty()) {
            return null;
        }
        List<Object[]> valid = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        boolean allResults = true;
        for (Sample s : kept) {
            try {
                valid.add(Values.copyAll(s.args));
                if (s.hasResult) {
                    results.add(Values.copy(s.result));
                } else {
                    allResults = false;
                }
            } catch (Values.TooLarge e) {
                // Cannot happen (recorded within the bounds); skip rather than fail.
            }
        }
        List<String> notes = new ArrayList<>();
        if (returnType == void.class) {
            results = new ArrayList<>();
            results.add(null);
        } else if (!allResults) {
            results = new ArrayList<>();
            notes.add("enforce not verified: recorded samples have no results");
        }
        return new SampleSet(valid, results, List.of(), notes, true);
    }

    private record Sample(Object[] args, boolean hasResult, Object result) {
    }

    private static final class Ring {
        private final Sample[] items;
        private int next;
        private int size;

        Ring(int capacity) {
            items = new Sample[capacity];
        }

        synchronized void add(Sample sample) {
            items[next] = sample;
            next = (next + 1) % items.length;
            size = Math.min(size + 1, items.length);
        }

        synchronized int size() {
            return size;
        }

        synchronized List<Sample> snapshot() {
            List<Sample> out = new ArrayList<>(size);
            int start = size < items.length ? 0 : next;
            for (int i = 0; i < size; i++) {
                out.add(items[(start + i) % items.length]);
            }
            return out;
        }
    }
}
