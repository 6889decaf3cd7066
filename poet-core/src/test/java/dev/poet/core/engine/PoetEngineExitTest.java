package dev.poet.core.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.FailureReporter;
import dev.poet.bridge.PendingActivation;
import dev.poet.bridge.SlotTable;
import dev.poet.core.model.MethodSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** What an exit waits for: the versions of a finished activation being stored, never an activation in progress. */
class PoetEngineExitTest {

    /** An activator whose two steps wait for the test; it activates nothing. */
    private static final class GatedActivator implements ClassActivator {
        final CountDownLatch activating = new CountDownLatch(1);
        final CountDownLatch finishActivation = new CountDownLatch(1);
        final CountDownLatch persisting = new CountDownLatch(1);
        final CountDownLatch finishPersist = new CountDownLatch(1);
        volatile boolean persisted;

        @Override
        public List<ActiveMethod> activate(Class<?> type, List<MethodRegistry.Registered> methods,
                                           FailureReporter reporter) {
            activating.countDown();
            await(finishActivation);
            return List.of();
        }

        @Override
        public void persist(List<ActiveMethod> active) {
            persisting.countDown();
            await(finishPersist);
            persisted = true;
        }

        @Override
        public void quarantined(ActiveMethod method, String reason) {
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // A table of its own: other tests in this JVM register methods in the global one.
    private final MethodRegistry registry = new MethodRegistry(new SlotTable());
    private final GatedActivator activator = new GatedActivator();
    private int id;

    @AfterEach
    void release() {
        activator.finishActivation.countDown();
        activator.finishPersist.countDown();
    }

    private PoetEngine engine(boolean eager) {
        id = registry.register(getClass().getClassLoader(),
                new MethodSpec(PoetEngineExitTest.class.getName(), "subject", "()V", 1, Map.of()));
        return new PoetEngine(new EngineOptions(eager, 5000, 5, false, 3), registry, activator);
    }

    @Test
    void anExitDoesNotWaitForAnActivationInProgressAndNothingOfItIsStored() throws Exception {
        PoetEngine engine = engine(false);
        engine.discovered(id, PoetEngineExitTest.class);
        assertThat(activator.activating.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        engine.shutdown(5_000);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(waitedMs).isLessThan(2_000);
        activator.finishActivation.countDown();
        assertThat(activator.persisting.await(500, TimeUnit.MILLISECONDS)).as("persist started after exit").isFalse();
        assertThat(activator.persisted).isFalse();
    }

    @Test
    void anExitAfterTheActivationWaitsForItsVersionsToBeStored() throws Exception {
        PoetEngine engine = engine(true);
        PendingActivation pending = (PendingActivation) engine.discovered(id, PoetEngineExitTest.class);
        activator.finishActivation.countDown();
        assertThat(pending.await(10_000)).isTrue();
        assertThat(activator.persisting.await(10, TimeUnit.SECONDS)).isTrue();
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            activator.finishPersist.countDown();
        });
        release.start();

        engine.shutdown(10_000);

        assertThat(activator.persisted).as("exit returned before the versions were stored").isTrue();
        release.join();
    }

    @Test
    void theWaitForVersionsBeingStoredIsBounded() throws Exception {
        PoetEngine engine = engine(true);
        PendingActivation pending = (PendingActivation) engine.discovered(id, PoetEngineExitTest.class);
        activator.finishActivation.countDown();
        assertThat(pending.await(10_000)).isTrue();
        assertThat(activator.persisting.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        engine.shutdown(200);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(waitedMs).isBetween(150L, 3_000L);
        assertThat(activator.persisted).isFalse();
    }
}
