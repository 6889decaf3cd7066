package dev.poet.bridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.SlotTable.State;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

import static org.assertj.core.api.Assertions.assertThat;

/** The slot table's transitions: what each one leaves from, what the entry hook then reads, and races. */
class SlotTableTest {

    private static final int ID = 5;

    public static int twice(int n) {
        return 2 * n;
    }

    static ActiveMethod method(int id, String version) throws Exception {
        MethodHandle target = MethodHandles.lookup().findStatic(SlotTableTest.class, "twice",
                MethodType.methodType(int.class, int.class)).asSpreader(Object[].class, 1);
        MethodHandle original = MethodHandles.dropArguments(target, 0, Object.class)
                .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        MethodContext context = new MethodContext(id, "key", SlotTableTest.class.getName(), "twice", "(I)I",
                new Class<?>[] {int.class}, new String[] {"n"}, int.class, new Class<?>[0], true, false, "base",
                new ParamsRef(Params.EMPTY), PhaseEventSink.NONE, new MethodStats());
        Enhancement passThrough = new Enhancement() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                return args;
            }

            @Override
            public Object operate(Call call, Object[] args) throws Throwable {
                return call.proceed(args);
            }

            @Override
            public Object enforce(Call call, Object result) {
                return result;
            }
        };
        return new ActiveMethod(context, passThrough, original, version);
    }

    @Test
    void eagerLifecycleUndiscoveredPendingActiveQuarantined() throws Exception {
        SlotTable table = new SlotTable();
        assertThat(table.state(ID)).isEqualTo(State.UNUSED);
        assertThat(table.content(ID)).isNull();

        assertThat(table.register(ID)).isTrue();
        assertThat(table.state(ID)).isEqualTo(State.UNDISCOVERED);
        assertThat(table.content(ID)).isSameAs(Slots.UNDISCOVERED);

        PendingActivation pending = new PendingActivation("a.B");
        assertThat(table.discover(ID, pending)).isTrue();
        assertThat(table.state(ID)).isEqualTo(State.PENDING);
        assertThat(table.content(ID)).isSameAs(pending);
        assertThat(table.active(ID)).isNull();

        ActiveMethod v1 = method(ID, "v1");
        assertThat(table.activate(ID, v1)).isTrue();
        assertThat(table.state(ID)).isEqualTo(State.ACTIVE);
        assertThat(table.active(ID)).isSameAs(v1);
        assertThat(table.abandonPending(ID, pending)).as("activation already replaced the pending mark").isFalse();
        assertThat(table.active(ID)).isSameAs(v1);

        assertThat(table.quarantine(ID, v1)).isTrue();
        assertThat(table.state(ID)).isEqualTo(State.QUARANTINED);
        assertThat(table.content(ID)).as("a quarantined method is back on the fast path").isNull();
    }

    @Test
    void lazyDiscoveryLeavesTheSlotEmptyUntilActivation() throws Exception {
        SlotTable table = new SlotTable();
        table.register(ID);

        assertThat(table.discover(ID, null)).isTrue();
        assertThat(table.state(ID)).isEqualTo(State.EMPTY);
        assertThat(table.content(ID)).isNull();

        ActiveMethod v1 = method(ID, "v1");
        ActiveMethod v2 = method(ID, "v2");
        assertThat(table.activate(ID, v1)).isTrue();
        assertThat(table.activate(ID, v2)).as("a newer version replaces the active one").isTrue();
        assertThat(table.active(ID)).isSameAs(v2);
        assertThat(table.deactivate(ID, v1)).as("v1 is no longer there").isFalse();
        assertThat(table.deactivate(ID, v2)).isTrue();
        assertThat(table.state(ID)).isEqualTo(State.EMPTY);
        assertThat(table.content(ID)).isNull();
    }

    @Test
    void anAbandonedPendingActivationEmptiesTheSlot() {
        SlotTable table = new SlotTable();
        table.register(ID);
        PendingActivation pending = new PendingActivation("a.B");
        table.discover(ID, pending);

        assertThat(table.abandonPending(ID, new PendingActivation("a.B"))).as("another activation's mark").isFalse();
        assertThat(table.content(ID)).isSameAs(pending);
        assertThat(table.abandonPending(ID, pending)).isTrue();
        assertThat(table.state(ID)).isEqualTo(State.EMPTY);
        assertThat(table.content(ID)).isNull();
    }

    @Test
    void illegalTransitionsAreRefusedAndChangeNothing() throws Exception {
        SlotTable table = new SlotTable();
        ActiveMethod v1 = method(ID, "v1");

        assertThat(table.activate(ID, v1)).as("activate an unused slot").isFalse();
        assertThat(table.discover(ID, null)).as("discover an unused slot").isFalse();
        assertThat(table.state(ID)).isEqualTo(State.UNUSED);

        table.register(ID);
        assertThat(table.register(ID)).as("register twice").isFalse();
        assertThat(table.activate(ID, v1)).as("activate before the class is known to be live").isFalse();
        assertThat(table.quarantine(ID, v1)).as("quarantine what is not active").isFalse();
        assertThat(table.state(ID)).isEqualTo(State.UNDISCOVERED);
        assertThat(table.content(ID)).isSameAs(Slots.UNDISCOVERED);

        table.discover(ID, null);
        assertThat(table.discover(ID, null)).as("discover twice").isFalse();
        assertThat(table.activate(ID, method(ID + 1, "v1"))).as("a method of another slot").isFalse();
        assertThat(table.state(ID)).isEqualTo(State.EMPTY);

        table.activate(ID, v1);
        assertThat(table.quarantine(ID, method(ID, "v1"))).as("quarantine a version that is not the active one")
                .isFalse();
        assertThat(table.active(ID)).isSameAs(v1);

        table.quarantine(ID, v1);
        assertThat(table.activate(ID, method(ID, "v2"))).as("activate a quarantined slot").isFalse();
        assertThat(table.quarantine(ID, v1)).as("quarantine twice").isFalse();
        assertThat(table.state(ID)).isEqualTo(State.QUARANTINED);
        assertThat(table.content(ID)).isNull();

        assertThat(table.register(-1)).isFalse();
        assertThat(table.register(table.capacity())).isFalse();
        assertThat(table.state(table.capacity())).isEqualTo(State.UNUSED);
    }

    @Test
    void concurrentFirstCallsDiscoverOnceAndAllSeeTheWinner() throws Exception {
        int threads = 8;
        for (int round = 0; round < 50; round++) {
            SlotTable table = new SlotTable();
            table.register(ID);
            List<PendingActivation> marks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                marks.add(new PendingActivation("a.B"));
            }
            List<Boolean> won = race(threads, i -> table.discover(ID, marks.get(i)));

            assertThat(won).filteredOn(w -> w).hasSize(1);
            PendingActivation winner = marks.get(won.indexOf(Boolean.TRUE));
            assertThat(table.content(ID)).isSameAs(winner);
            assertThat(table.state(ID)).isEqualTo(State.PENDING);
        }
    }

    @Test
    void concurrentQuarantinesOfOneVersionWithdrawItOnce() throws Exception {
        int threads = 8;
        for (int round = 0; round < 50; round++) {
            SlotTable table = new SlotTable();
            table.register(ID);
            table.discover(ID, null);
            ActiveMethod v1 = method(ID, "v1");
            table.activate(ID, v1);

            List<Boolean> won = race(threads, i -> table.quarantine(ID, v1));

            assertThat(won).filteredOn(w -> w).hasSize(1);
            assertThat(table.state(ID)).isEqualTo(State.QUARANTINED);
        }
    }

    @Test
    void theGlobalTableWritesTheSlotsTheEntryHookReads() {
        int id = Slots.CAPACITY - 2;
        SlotTable global = SlotTable.global();

        assertThat(global.capacity()).isEqualTo(Slots.CAPACITY);
        assertThat(global.register(id)).isTrue();
        assertThat(Slots.SLOTS.get(id)).isSameAs(Slots.UNDISCOVERED);
        assertThat(Slots.slot(id)).isSameAs(Slots.UNDISCOVERED);
        assertThat(global.discover(id, null)).isTrue();
        assertThat(Slots.SLOTS.get(id)).isNull();
        assertThat(new SlotTable().content(id)).as("a table of its own shares nothing").isNull();
    }

    interface Racer {
        boolean run(int index) throws Exception;
    }

    /** Runs {@code racer} on {@code threads} threads released at once; each one's result, by index. */
    private static List<Boolean> race(int threads, Racer racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<Boolean> task = () -> {
                    ready.countDown();
                    go.await();
                    return racer.run(index);
                };
                results.add(pool.submit(task));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Boolean> won = new ArrayList<>();
            for (Future<Boolean> result : results) {
                won.add(result.get(10, TimeUnit.SECONDS));
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deselectLeavesAnyLiveStateForNullAndReselectStartsOverUndiscovered() throws Exception {
        SlotTable table = new SlotTable();
        assertThat(table.deselect(ID)).isFalse();
        assertThat(table.state(ID)).isEqualTo(State.UNUSED);

        table.register(ID);
        table.discover(ID, null);
        ActiveMethod v1 = method(ID, "v1");
        table.activate(ID, v1);
        assertThat(table.deselect(ID)).isTrue();
        assertThat(table.state(ID)).isEqualTo(State.DESELECTED);
        assertThat(table.content(ID)).isNull();
        assertThat(table.deselect(ID)).isFalse();
        // What waited on the old content can no longer move the slot.
        assertThat(table.activate(ID, method(ID, "v2"))).isFalse();
        assertThat(table.quarantine(ID, v1)).isFalse();
        assertThat(table.state(ID)).isEqualTo(State.DESELECTED);

        assertThat(table.reselect(ID)).isTrue();
        assertThat(table.state(ID)).isEqualTo(State.UNDISCOVERED);
        assertThat(table.content(ID)).isSameAs(Slots.UNDISCOVERED);
        assertThat(table.reselect(ID)).isFalse();
        assertThat(table.discover(ID, null)).isTrue();
        assertThat(table.activate(ID, v1)).isTrue();

        Recording recording = new Recording(1, 2);
        SlotTable other = new SlotTable();
        other.register(ID);
        other.discover(ID, null);
        other.startRecording(ID, recording);
        assertThat(other.deselect(ID)).isTrue();
        assertThat(other.finishRecording(ID, recording, v1)).isFalse();
        assertThat(other.state(ID)).isEqualTo(State.DESELECTED);
    }
}
