package dev.poet.core.verify;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.Call;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verification on recorded calls of a method taking an application type: samples are copies taken when the call
 * was recorded (field by field, without running application code), verification never touches the application's
 * own objects, and a base enhancement that changes such an argument, replaced or in place, is rejected.
 */
class RecordedSamplesTest {

    static final AtomicInteger CONSTRUCTED = new AtomicInteger();

    /** An application type: mutable, no equals, a constructor with an effect. */
    public static final class Order {
        String item;
        int quantity;
        final List<String> notes = new ArrayList<>();
        Order parent;

        Order(String item, int quantity) {
            CONSTRUCTED.incrementAndGet();
            this.item = item;
            this.quantity = quantity;
        }
    }

    /** A subclass of a JDK class: kept by reference. */
    public static final class Worker extends Thread {
    }

    public static String describe(Order order, String tag) {
        return order.quantity + " x " + order.item + " " + tag;
    }

    private static final AtomicInteger IDS = new AtomicInteger(5000);

    private static MethodContext context() throws NoSuchMethodException {
        Method m = method();
        return new MethodContext(IDS.incrementAndGet(), "describe", RecordedSamplesTest.class.getName(), "describe",
                "()V", m.getParameterTypes(), new String[] {"order", "tag"}, m.getReturnType(),
                m.getExceptionTypes(), true, false, "base", new ParamsRef(Params.of(Map.of())), PhaseEventSink.NONE,
                new MethodStats());
    }

    private static Method method() throws NoSuchMethodException {
        return RecordedSamplesTest.class.getMethod("describe", Order.class, String.class);
    }

    /** An enhancement running {@code body} in Perceive. */
    interface PerceiveBody {
        void run(Object[] args);
    }

    private static Enhancement perceiving(PerceiveBody body) {
        return new VerifierTest.Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                body.run(args);
                return args;
            }
        };
    }

    @Test
    void anApplicationObjectIsCopiedWhenRecordedWithoutRunningItsConstructor() {
        SampleRecorder recorder = new SampleRecorder();
        Order order = new Order("pen", 2);
        order.notes.add("gift");
        order.parent = order;
        int constructed = CONSTRUCTED.get();

        assertThat(recorder.record(1, new Object[] {order, "t"})).isTrue();
        // What the original (or the application afterwards) does to its object is not in the sample.
        order.quantity = 99;
        order.notes.add("changed");

        Order sample = (Order) recorder.samples(1, String.class).valid().get(0)[0];
        assertThat(sample).isNotSameAs(order);
        assertThat(sample.item).isEqualTo("pen");
        assertThat(sample.quantity).isEqualTo(2);
        assertThat(sample.notes).containsExactly("gift");
        assertThat(sample.parent).isSameAs(sample);
        assertThat(CONSTRUCTED.get()).isEqualTo(constructed);
        // Each verification gets its own copy.
        assertThat(recorder.samples(1, String.class).valid().get(0)[0]).isNotSameAs(sample);
    }

    @Test
    void objectsThatCannotBeCopiedFieldByFieldAreShared() {
        SampleRecorder recorder = new SampleRecorder();
        Worker worker = new Worker();
        recorder.record(1, new Object[] {worker});
        assertThat(recorder.samples(1, void.class).valid().get(0)[0]).isSameAs(worker);
    }

    @Test
    void applicationObjectsCompareByTheirFields() throws Exception {
        Order a = new Order("pen", 2);
        Order b = new Order("pen", 2);
        a.parent = a;
        b.parent = b;
        assertThat(Values.deepEquals(a, b)).isTrue();
        b.notes.add("x");
        assertThat(Values.deepEquals(a, b)).isFalse();
    }

    @Test
    void aTransparentVersionPassesOnRecordedCalls() throws Exception {
        VerificationGate gate = new VerificationGate();
        MethodContext ctx = context();
        for (int i = 0; i < 3; i++) {
            gate.samples().record(ctx.id(), new Object[] {new Order("pen", i), "t" + i});
        }

        VerificationResult r = gate.verifyRecorded(new VerifierTest.Identity(), ctx, method());

        assertThat(r.isPassed()).as(r.describe()).isTrue();
        assertThat(r.recordedSamples()).isEqualTo(3);
        assertThat(r.synthesisedSamples()).isZero();
        assertThat(r.verifiedOnNothing(2)).isFalse();
    }

    @Test
    void synthesisGivesNothingToVerifyOnForSuchAMethod() throws Exception {
        VerificationResult r = new VerificationGate().verify(new VerifierTest.Identity(), context(), method());

        assertThat(r.isPassed()).as(r.describe()).isTrue();
        assertThat(r.verifiedOnNothing(2)).isTrue();
        assertThat(r.describe()).contains("perceive not verified: no samples for parameter 0");
    }

    @Test
    void withNothingRecordedTheVersionIsVerifiedOnNothing() throws Exception {
        VerificationResult r = new VerificationGate().verifyRecorded(new VerifierTest.Identity(), context(), method());

        assertThat(r.verifiedOnNothing(2)).isTrue();
        assertThat(r.describe()).contains("no call could be recorded");
    }

    @Test
    void replacingTheObjectWithAModifiedCopyIsRejected() throws Exception {
        VerificationGate gate = new VerificationGate();
        MethodContext ctx = context();
        gate.samples().record(ctx.id(), new Object[] {new Order("pen", 1), "t"});

        VerificationResult r = gate.verifyRecorded(perceiving(args -> {
            Order o = (Order) args[0];
            args[0] = new Order(o.item, o.quantity + 1);
        }), ctx, method());

        assertThat(r.isPassed()).isFalse();
        assertThat(r.describe()).contains("changed argument 0 (order)").doesNotContain("pen");
    }

    @Test
    void changingTheObjectInPlaceIsRejectedAndNeverReachesTheApplicationsObject() throws Exception {
        VerificationGate gate = new VerificationGate();
        MethodContext ctx = context();
        Order applications = new Order("pen", 1);
        gate.samples().record(ctx.id(), new Object[] {applications, "t"});

        VerificationResult r = gate.verifyRecorded(perceiving(args -> ((Order) args[0]).quantity = 1000), ctx,
                method());

        assertThat(r.isPassed()).isFalse();
        assertThat(r.describe()).contains("changed argument 0 (order) in place");
        assertThat(applications.quantity).isEqualTo(1);
    }

    @Test
    void rewritingTheStringNextToItIsRejected() throws Exception {
        VerificationGate gate = new VerificationGate();
        MethodContext ctx = context();
        gate.samples().record(ctx.id(), new Object[] {new Order("pen", 1), "gift"});

        VerificationResult r = gate.verifyRecorded(perceiving(args -> args[1] = args[1] + "!"), ctx, method());

        assertThat(r.isPassed()).isFalse();
        assertThat(r.describe()).contains("changed argument 1 (tag)").doesNotContain("gift");
        assertThat(r.recordedSamples()).isEqualTo(1);
    }
}
