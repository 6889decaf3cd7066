package dev.poet.bridge.record;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ring: order, wrap-around, drops when full, and no lost or torn record under many producers. */
class ExecutionBufferTest {

    private static boolean offer(ExecutionBuffer b, long n) {
        // Every field derived from n, so a torn record (fields of two offers) is detectable.
        return b.offer((int) (n % 1000), n, n * 3, n * 5, (int) (n % 3), (int) (n % 7), (int) (n % 64), null,
                n * 11, n * 13, "a" + n, "r" + n);
    }

    private static void assertWhole(ExecutionRecord r) {
        long n = r.execution();
        assertThat(r.methodId()).isEqualTo((int) (n % 1000));
        assertThat(r.startMillis()).isEqualTo(n * 3);
        assertThat(r.durationNanos()).isEqualTo(n * 5);
        assertThat(r.status()).isEqualTo((int) (n % 3));
        assertThat(r.attempts()).isEqualTo((int) (n % 7));
        assertThat(r.flags()).isEqualTo((int) (n % 64));
        assertThat(r.cpuNanos()).isEqualTo(n * 11);
        assertThat(r.allocatedBytes()).isEqualTo(n * 13);
        assertThat(r.arguments()).isEqualTo("a" + n);
        assertThat(r.result()).isEqualTo("r" + n);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new ExecutionBuffer(6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExecutionBuffer.capacityFor(6)).isEqualTo(8);
        assertThat(ExecutionBuffer.capacityFor(65536)).isEqualTo(65536);
        assertThat(ExecutionBuffer.capacityFor(65537)).isEqualTo(131072);
    }

    @Test
    void drainsInOrderAcrossManyWrapArounds() {
        ExecutionBuffer b = new ExecutionBuffer(8);
        List<Long> seen = new ArrayList<>();
        long next = 1;
        for (int lap = 0; lap < 50; lap++) {
            for (int i = 0; i < 5; i++) {
                assertThat(offer(b, next++)).isTrue();
            }
            b.drainTo(r -> {
                assertWhole(r);
                seen.add(r.execution());
            }, 3);
            b.drainTo(r -> {
                assertWhole(r);
                seen.add(r.execution());
            }, 100);
        }
        assertThat(seen).hasSize(250);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i + 1L);
        }
        assertThat(b.dropped()).isZero();
        assertThat(b.size()).isZero();
    }

    @Test
    void aFullRingDropsAndCountsWithoutOverwriting() {
        ExecutionBuffer b = new ExecutionBuffer(4);
        for (long n = 1; n <= 4; n++) {
            assertThat(offer(b, n)).isTrue();
        }
        assertThat(offer(b, 5)).isFalse();
        assertThat(offer(b, 6)).isFalse();
        assertThat(b.dropped()).isEqualTo(2);
        List<Long> seen = new ArrayList<>();
        assertThat(b.drainTo(r -> seen.add(r.execution()), 10)).isEqualTo(4);
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L);
        assertThat(offer(b, 7)).isTrue();
        b.drainTo(r -> seen.add(r.execution()), 10);
        assertThat(seen).endsWith(7L);
    }

    @Test
    void aFailingSinkLosesOnlyThatRecordAndTheRingLetsGoOfReferences() {
        ExecutionBuffer b = new ExecutionBuffer(4);
        RuntimeException boom = new RuntimeException("boom");
        b.offer(1, 1, 0, 0, ExecutionRecord.FAILURE, 1, 0, boom, -1, -1, null, null);
        b.offer(1, 2, 0, 0, ExecutionRecord.SUCCESS, 1, 0, null, -1, -1, null, null);
        List<Long> seen = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        int n = b.drainTo(r -> {
            errors.add(r.error());
            if (r.execution() == 1) {
                throw new IllegalStateException("sink failed");
            }
            seen.add(r.execution());
        }, 10);
        assertThat(n).isEqualTo(2);
        assertThat(seen).containsExactly(2L);
        assertThat(errors.get(0)).isSameAs(boom);
        // The next lap over that slot sees no stale throwable.
        for (long i = 3; i <= 6; i++) {
            b.offer(1, i, 0, 0, ExecutionRecord.SUCCESS, 1, 0, null, -1, -1, null, null);
        }
        b.drainTo(r -> assertThat(r.error()).isNull(), 10);
    }

    /** 500 producers against a small ring drained concurrently: every offer is drained once or counted dropped. */
    @Test
    void everyRecordIsEitherDrainedOnceOrCountedAsDroppedWith500Threads() throws Exception {
        ExecutionBuffer b = new ExecutionBuffer(1024);
        int threads = 500;
        int perThread = 400;
        AtomicLong accepted = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final long base = (long) t * perThread;
            Thread p = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 1; i <= perThread; i++) {
                        if (offer(b, base + i)) {
                            accepted.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            p.start();
            producers.add(p);
        }
        Set<Long> drained = new HashSet<>();
        AtomicBoolean torn = new AtomicBoolean();
        ExecutionSink sink = r -> {
            try {
                assertWhole(r);
            } catch (AssertionError e) {
                torn.set(true);
            }
            if (!drained.add(r.execution())) {
                torn.set(true);
            }
        };
        start.countDown();
        while (done.getCount() > 0) {
            b.drainTo(sink, 256);
        }
        for (Thread p : producers) {
            p.join();
        }
        while (b.drainTo(sink, Integer.MAX_VALUE) > 0) {
            // until empty
        }
        long offered = (long) threads * perThread;
        assertThat(torn).isFalse();
        assertThat((long) drained.size()).isEqualTo(accepted.get());
        assertThat(drained.size() + b.dropped()).isEqualTo(offered);
    }
}
