package dev.poet.runtime.deadline;

import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.InMemoryEventSink;
import dev.poet.runtime.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineTest {

    private final InMemoryEventSink sink = new InMemoryEventSink();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void enforcedDeadlineInterruptsTheWorkerAndThrows() throws Exception {
        Deadline d = Deadline.builder("m").timeoutMs(100).enforce(true).events(sink).build();
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        long start = System.nanoTime();
        assertThatThrownBy(() -> d.execute(() -> {
            thread.set(Thread.currentThread().getName());
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "late";
        })).isInstanceOf(DeadlineExceededException.class).isInstanceOf(DeliberateFailure.class)
                .isInstanceOf(RuntimeException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(90L, 900L);
        assertThat(interrupted.await(1, TimeUnit.SECONDS)).as("worker interrupted").isTrue();
        assertThat(thread.get()).startsWith("poet-deadline-");
        assertThat(sink.ofType(EventTypes.DEADLINE_EXCEEDED).get(0).fields()).containsEntry("timeout_ms", 100L);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void ioVariantWhenDeclared() {
        Deadline d = Deadline.enforced("m", 50, true, false, sink);
        assertThatThrownBy(() -> d.execute(() -> {
            Thread.sleep(2_000);
            return null;
        })).isInstanceOf(DeadlineExceededIOException.class).isInstanceOf(IOException.class)
                .isInstanceOf(DeliberateFailure.class);
    }

    @Test
    void resultAndSameFailureInstancePassThroughInTime() throws Throwable {
        Deadline d = Deadline.enforced("m", 2_000, false, false, sink);
        assertThat(d.execute(() -> "fast")).isEqualTo("fast");
        IOException own = new IOException("own");
        assertThatThrownBy(() -> d.execute(() -> {
            throw own;
        })).isSameAs(own);
        assertThat(sink.events()).isEmpty();
    }

    @Test
    void callerInterruptIsPassedOnAndRestored() throws Throwable {
        Deadline d = Deadline.enforced("m", 2_000, false, false, sink);
        Thread caller = Thread.currentThread();
        AtomicBoolean workerSawInterrupt = new AtomicBoolean();
        Object result = d.execute(() -> {
            caller.interrupt();
            try {
                Thread.sleep(1_500);
                return "slept";
            } catch (InterruptedException e) {
                workerSawInterrupt.set(true);
                return "interrupted";
            }
        });
        assertThat(result).as("the body's own reaction to the interrupt is the outcome").isEqualTo("interrupted");
        assertThat(workerSawInterrupt).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt restored, not swallowed").isTrue();
    }

    @Test
    void defaultDeadlineOnlyRecordsTheOverrun() throws Throwable {
        ManualClock clock = new ManualClock();
        Deadline d = Deadline.builder("m").timeoutMs(100).enforce(false).clock(clock).events(sink).build();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Object r = d.execute(() -> {
            ranOn.set(Thread.currentThread());
            clock.advanceMillis(250);
            return "done";
        });
        assertThat(r).isEqualTo("done");
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(sink.ofType(EventTypes.DEADLINE_OVERRUN).get(0).fields()).containsEntry("elapsed_ms", 250L)
                .containsEntry("enforced", false);
        d.execute(() -> {
            clock.advanceMillis(50);
            return null;
        });
        assertThat(sink.count(EventTypes.DEADLINE_OVERRUN)).isEqualTo(1);
    }

    @Test
    void synchronizedMethodsAreNeverMovedToAnotherThread() throws Throwable {
        ManualClock clock = new ManualClock();
        Deadline d = Deadline.builder("m").timeoutMs(10).enforce(true).synchronizedMethod(true).clock(clock)
                .events(sink).build();
        assertThat(d.isEnforced()).isFalse();
        assertThat(sink.ofType(EventTypes.DEADLINE_NOT_ENFORCED).get(0).fields()).containsEntry("reason",
                "synchronized");
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        d.execute(() -> {
            ranOn.set(Thread.currentThread());
            clock.advanceMillis(20);
            return null;
        });
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(sink.count(EventTypes.DEADLINE_OVERRUN)).isEqualTo(1);
    }

    @Test
    void saturatedExecutorFallsBackToRecording() throws Throwable {
        Deadline d = Deadline.builder("m").timeoutMs(10).enforce(true).events(sink).executor(task -> {
            throw new java.util.concurrent.RejectedExecutionException();
        }).build();
        assertThat(d.execute(() -> "here")).isEqualTo("here");
        assertThat(sink.ofType(EventTypes.DEADLINE_NOT_ENFORCED).get(0).fields()).containsEntry("reason",
                "executor-saturated");
    }
}
