package dev.poet.core.events.write;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;

class EventWriterTest {

    /** A window no test waits for: only flushNow and close write. */
    private static final long NEVER = 3_600_000;

    private final EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"),
            Clock.systemUTC());
    private final ScriptedLog log = new ScriptedLog();
    private EventWriter writer;

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    private Event event(String type, int n) {
        return factory.create(type, null, null, Map.of("n", n));
    }

    private List<Event> written(String type) {
        List<Event> out = new ArrayList<>();
        for (Event e : log.events.events()) {
            if (e.type().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void aWindowIsOneAppendAndOneSyncHoweverManyEvents() {
        writer = new EventWriter(log, NEVER, 10_000, factory);
        writer.start();
        for (int i = 0; i < 1_000; i++) {
            assertThat(writer.offer(event("retry.scheduled", i))).isTrue();
        }

        assertThat(writer.flushNow()).isTrue();

        assertThat(log.calls).containsExactly("append:1000", "sync");
        assertThat(log.events.events()).hasSize(1_000);
        assertThat(log.events.syncs()).isEqualTo(1);
        assertThat(writer.written()).isEqualTo(1_000);
    }

    @Test
    void theWindowWritesWithoutBeingAskedAndSyncsPerWindowNotPerEvent() throws Exception {
        writer = new EventWriter(log, 50, 100_000, factory);
        writer.start();
        long start = System.nanoTime();
        int offered = 0;
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(400)) {
            for (int i = 0; i < 50; i++) {
                writer.offer(event("perceive.violation", offered++));
            }
            Thread.sleep(2);
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (log.events.events().size() < offered && System.nanoTime() < until) {
            Thread.sleep(10);
        }

        assertThat(log.events.events()).hasSize(offered);
        assertThat(log.threads).containsOnly(EventWriter.THREAD_NAME);
        // One sync per 50 ms window (plus the windows spent waiting above), never one per event.
        assertThat(log.events.syncs()).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo((int) (elapsedMs / 50) + 110);
        assertThat(log.events.syncs()).isLessThan(offered / 20);
    }

    @Test
    void aFullQueueRefusesAndCountsUnderManyThreadsAndEveryEventIsWrittenOrCounted() throws Exception {
        writer = new EventWriter(log, 5, 1_000, factory);
        writer.start();
        int threads = 16;
        int perThread = 20_000;
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    if (writer.offer(event("retry.scheduled", base + i))) {
                        accepted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(writer.flushNow()).isTrue();

        int total = threads * perThread;
        assertThat(writer.queued()).isZero();
        assertThat(written("retry.scheduled")).hasSize(accepted.get());
        assertThat(accepted.get() + writer.dropped()).isEqualTo(total);
        assertThat(writer.dropped()).isPositive();
        long said = 0;
        for (Event e : written(EventTypes.EVENTS_DROPPED)) {
            said += ((Number) e.payload().get("dropped")).longValue();
        }
        assertThat(said).isEqualTo(writer.dropped());
        Event last = written(EventTypes.EVENTS_DROPPED).get(written(EventTypes.EVENTS_DROPPED).size() - 1);
        assertThat(last.payload()).containsEntry("total_dropped", writer.dropped())
                .containsEntry("queue_full", writer.dropped()).containsEntry("source", EventWriter.THREAD_NAME);
    }

    @Test
    void theQueueNeverHoldsMoreThanItsCapacity() {
        writer = new EventWriter(log, NEVER, 100, factory);
        int accepted = 0;
        for (int i = 0; i < 1_000; i++) {
            if (writer.offer(event("retry.scheduled", i))) {
                accepted++;
            }
        }

        assertThat(accepted).isEqualTo(100);
        assertThat(writer.queued()).isEqualTo(100);
        assertThat(writer.dropped()).isEqualTo(900);
    }

    @Test
    void flushNowReturnsWithEverySourceAndTheQueueAppendedAndSynced() {
        writer = new EventWriter(log, NEVER, 100, factory);
        AtomicReference<String> drainedOn = new AtomicReference<>();
        writer.addSource(out -> {
            drainedOn.set(Thread.currentThread().getName());
            out.add(event("function.execution", 1));
            out.add(event("function.execution", 2));
        });
        writer.start();
        writer.offer(event("breaker.transition", 3));

        assertThat(writer.flushNow()).isTrue();

        // The events are appended, then synced, before flushNow returns; sources are drained on the writer thread.
        assertThat(log.calls).containsExactly("append:3", "sync");
        assertThat(log.events.events()).extracting(e -> e.payload().get("n")).containsExactly(1, 2, 3);
        assertThat(drainedOn.get()).isEqualTo(EventWriter.THREAD_NAME);
    }

    @Test
    void aLogThatThrowsCostsItsBatchAndTheNextOneIsWritten() {
        writer = new EventWriter(log, NEVER, 100, factory);
        writer.start();
        log.failAppends.set(1);
        log.failAppendsUnchecked.set(1);
        writer.offer(event("retry.scheduled", 1));
        assertThat(writer.flushNow()).isFalse();
        writer.offer(event("retry.scheduled", 2));
        assertThat(writer.flushNow()).isFalse();
        log.failSyncs.set(1);
        writer.offer(event("retry.scheduled", 3));
        assertThat(writer.flushNow()).isFalse();
        writer.offer(event("retry.scheduled", 4));

        assertThat(writer.flushNow()).isTrue();

        assertThat(written("retry.scheduled")).extracting(e -> e.payload().get("n")).containsExactly(3, 4);
        assertThat(writer.dropped()).isEqualTo(2);
        List<Event> drops = written(EventTypes.EVENTS_DROPPED);
        assertThat(drops.get(drops.size() - 1).payload()).containsEntry("write_failed", 2L)
                .containsEntry("total_dropped", 2L);
    }

    @Test
    void theWindowKeepsRunningAfterTheLogThrew() throws Exception {
        writer = new EventWriter(log, 10, 100, factory);
        log.failAppends.set(3);
        log.failAppendsUnchecked.set(2);
        writer.start();
        int offered = 0;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (written("retry.scheduled").size() < 5 && System.nanoTime() < until) {
            writer.offer(event("retry.scheduled", offered++));
            Thread.sleep(3);
        }

        assertThat(written("retry.scheduled").size()).isGreaterThanOrEqualTo(5);
        assertThat(log.failAppends.get() + log.failAppendsUnchecked.get()).isZero();
        assertThat(writer.flushNow()).isTrue();
        assertThat(written("retry.scheduled").size() + writer.dropped()).isEqualTo(offered);
        assertThat(writer.dropped()).isPositive();
    }

    @Test
    void anEventTooLargeIsDroppedAloneAndCounted() {
        writer = new EventWriter(log, NEVER, 100, factory);
        writer.offer(event("retry.scheduled", 1));
        writer.offer(factory.create("llm.prompt_variant", null, null, Map.of("text", "x".repeat(1 << 21))));
        writer.offer(event("retry.scheduled", 2));

        writer.flushNow();

        assertThat(written("retry.scheduled")).extracting(e -> e.payload().get("n")).containsExactly(1, 2);
        assertThat(written("llm.prompt_variant")).isEmpty();
        assertThat(writer.dropped()).isEqualTo(1);
        writer.flushNow();
        assertThat(written(EventTypes.EVENTS_DROPPED)).hasSize(1);
        assertThat(written(EventTypes.EVENTS_DROPPED).get(0).payload()).containsEntry("too_large", 1L)
                .containsEntry("dropped", 1L);
    }

    @Test
    void aSourceThatThrowsDoesNotKeepTheOthersFromBeingWritten() {
        writer = new EventWriter(log, NEVER, 100, factory);
        writer.addSource(out -> {
            throw new IllegalStateException("broken source");
        });
        writer.addSource(out -> out.add(event("function.execution", 7)));

        assertThat(writer.flushNow()).isTrue();

        assertThat(written("function.execution")).hasSize(1);
    }

    @Test
    void noDropEventWhenNothingWasDroppedSinceTheLast() {
        writer = new EventWriter(log, NEVER, 1, factory);
        writer.offer(event("retry.scheduled", 1));
        writer.offer(event("retry.scheduled", 2));
        writer.flushNow();
        writer.offer(event("retry.scheduled", 3));
        writer.flushNow();

        assertThat(written(EventTypes.EVENTS_DROPPED)).hasSize(1);
        assertThat(written("retry.scheduled")).extracting(e -> e.payload().get("n")).containsExactly(1, 3);
    }

    @Test
    void writeDurableAppendsAndSyncsBeforeReturningBypassingAFullQueue() throws Exception {
        writer = new EventWriter(log, NEVER, 1, factory);
        writer.start();
        writer.offer(event("retry.scheduled", 1));
        assertThat(writer.offer(event("retry.scheduled", 2))).isFalse();

        writer.writeDurable(event(EventTypes.FUNCTION_FEEDBACK, 3));

        assertThat(log.calls).containsExactly("durable");
        assertThat(log.events.durableAppends()).isEqualTo(1);
        assertThat(written(EventTypes.FUNCTION_FEEDBACK)).hasSize(1);
    }

    @Test
    void closeWritesWhatIsLeftEndsTheDaemonThreadAndLaterOffersAreRefusedAndCounted() throws Exception {
        writer = new EventWriter(log, NEVER, 100, factory);
        AtomicReference<Thread> thread = new AtomicReference<>();
        writer.addSource(out -> {
            if (thread.get() == null) {
                thread.set(Thread.currentThread());
            }
        });
        writer.start();
        writer.flushNow();
        writer.offer(event("retry.scheduled", 1));

        writer.close();

        assertThat(written("retry.scheduled")).hasSize(1);
        assertThat(log.calls).endsWith("sync");
        assertThat(thread.get().getName()).isEqualTo(EventWriter.THREAD_NAME);
        assertThat(thread.get().isDaemon()).isTrue();
        thread.get().join(5_000);
        assertThat(thread.get().isAlive()).isFalse();
        assertThat(writer.offer(event("retry.scheduled", 2))).isFalse();
        assertThat(writer.dropped()).isEqualTo(1);
    }
}
