package dev.poet.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recording slot state: every call runs the original (the dispatcher answers {@code null}), only the first
 * {@code maxCalls} calls reach the engine, and a failing engine never reaches the caller.
 */
class RecordingTest {

    private static final int ID = 23;

    @AfterEach
    void uninstall() {
        Dispatcher.install(null);
        Slots.SLOTS.set(ID, null);
    }

    /** Hooks that keep what {@link BridgeHooks#recorded} received. */
    private static final class Recorder implements BridgeHooks {
        final List<Object[]> calls = Collections.synchronizedList(new ArrayList<>());
        RuntimeException toThrow;

        @Override
        public Object discovered(int methodId, Class<?> declaringType) {
            return null;
        }

        @Override
        public ActiveMethod awaitActivation(int methodId, PendingActivation pending) {
            return null;
        }

        @Override
        public void recorded(int methodId, Object[] args) {
            assertThat(methodId).isEqualTo(ID);
            calls.add(args);
            if (toThrow != null) {
                throw toThrow;
            }
        }
    }

    @Test
    void theOriginalRunsAndOnlyTheFirstCallsAreHandedOver() {
        Recorder hooks = new Recorder();
        Dispatcher.install(hooks);
        Recording recording = new Recording(2, 3);
        Slots.SLOTS.set(ID, recording);

        for (int i = 0; i < 10; i++) {
            assertThat(Dispatcher.dispatch(recording, ID, RecordingTest.class, null, new Object[] {"call " + i}))
                    .isNull();
        }

        assertThat(hooks.calls).extracting(args -> args[0]).containsExactly("call 0", "call 1", "call 2");
        assertThat(recording.exhausted()).isTrue();
    }

    @Test
    void anEngineThatThrowsDoesNotReachTheCaller() {
        Recorder hooks = new Recorder();
        hooks.toThrow = new IllegalStateException("engine bug");
        Dispatcher.install(hooks);
        Recording recording = new Recording(1, 1);

        assertThat(Dispatcher.dispatch(recording, ID, RecordingTest.class, null, new Object[] {"x"})).isNull();
        assertThat(hooks.calls).hasSize(1);
    }

    @Test
    void aCallThatWaitedForActivationAndFoundTheMethodRecordingIsHandedOver() {
        Recorder hooks = new Recorder();
        Dispatcher.install(hooks);
        Recording recording = new Recording(1, 1);
        PendingActivation pending = new PendingActivation(RecordingTest.class.getName());
        // What the engine does while the call waits: activation ends in the recording state.
        Slots.SLOTS.set(ID, recording);

        assertThat(Dispatcher.dispatch(pending, ID, RecordingTest.class, null, new Object[] {"first"})).isNull();
        assertThat(hooks.calls).extracting(args -> args[0]).containsExactly("first");
    }

    @Test
    void concurrentCallsClaimNoMoreThanTheBound() throws Exception {
        Recording recording = new Recording(3, 12);
        AtomicInteger claimed = new AtomicInteger();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 10_000; i++) {
                    if (recording.claim()) {
                        claimed.incrementAndGet();
                    }
                }
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }

        assertThat(claimed.get()).isEqualTo(12);
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> new Recording(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recording(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
