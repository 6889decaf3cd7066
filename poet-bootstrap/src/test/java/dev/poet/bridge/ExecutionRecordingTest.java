package dev.poet.bridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.bridge.record.ExecutionRecord;
import dev.poet.bridge.record.RecordingPolicy;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

import static org.assertj.core.api.Assertions.assertThat;

/** What an active method hands to the installed execution buffer, call by call, and what is current meanwhile. */
class ExecutionRecordingTest {

    private static final int ID = 31;
    static final AtomicReference<Call> SEEN_BY_ORIGINAL = new AtomicReference<>();

    public static String twice(String s) {
        SEEN_BY_ORIGINAL.set(CurrentExecution.call());
        if (s.equals("fail")) {
            throw new IllegalArgumentException("bad input");
        }
        return s + s;
    }

    /** A snapshot of one drained record (the view itself is reused). */
    record Copy(long execution, int status, int attempts, int flags, Throwable error, long cpu, long bytes,
                String arguments, String result, boolean precise) {
    }

    @AfterEach
    void off() {
        ExecutionBuffer.install(null);
    }

    interface Operate {
        Object operate(Call call, Object[] args) throws Throwable;
    }

    private static ActiveMethod active(RecordingPolicy policy, boolean failInPerceive, Operate operate)
            throws Exception {
        MethodHandle target = MethodHandles.lookup().findStatic(ExecutionRecordingTest.class, "twice",
                MethodType.methodType(String.class, String.class)).asSpreader(Object[].class, 1);
        MethodHandle original = MethodHandles.dropArguments(target, 0, Object.class)
                .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        MethodContext context = new MethodContext(ID, "key", ExecutionRecordingTest.class.getName(), "twice",
                "(Ljava/lang/String;)Ljava/lang/String;", new Class<?>[] {String.class}, new String[] {"s"},
                String.class, new Class<?>[0], true, false, "base", new ParamsRef(Params.EMPTY), PhaseEventSink.NONE,
                new MethodStats(), policy);
        return new ActiveMethod(context, new Enhancement() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                if (failInPerceive) {
                    throw new IllegalStateException("our bug");
                }
                return args;
            }

            @Override
            public Object operate(Call call, Object[] args) throws Throwable {
                return operate.operate(call, args);
            }

            @Override
            public Object enforce(Call call, Object result) {
                return result;
            }
        }, original, "v1");
    }

    private static List<Copy> drain(ExecutionBuffer buffer) {
        List<Copy> out = new ArrayList<>();
        buffer.drainTo(r -> out.add(new Copy(r.execution(), r.status(), r.attempts(), r.flags(), r.error(),
                r.cpuNanos(), r.allocatedBytes(), r.arguments(), r.result(), r.preciseDuration())), 100_000);
        return out;
    }

    @Test
    void withoutABufferNothingIsRecordedAndTheCallStillWorks() throws Exception {
        ActiveMethod m = active(RecordingPolicy.NONE, false, (call, args) -> call.proceed(args));
        assertThat(m.invoke(null, new Object[] {"a"}).value).isEqualTo("aa");
    }

    @Test
    void successFailureAndFallbackAreRecordedWithTheirCause() throws Exception {
        ExecutionBuffer buffer = new ExecutionBuffer(16);
        ExecutionBuffer.install(buffer);
        ActiveMethod ok = active(RecordingPolicy.NONE, false, (call, args) -> call.proceed(args));
        ActiveMethod ours = active(RecordingPolicy.NONE, true, (call, args) -> call.proceed(args));

        Outcome success = ok.invoke(null, new Object[] {"a"});
        Outcome failure = ok.invoke(null, new Object[] {"fail"});
        Outcome fallback = ours.invoke(null, new Object[] {"b"});

        assertThat(success.value).isEqualTo("aa");
        assertThat(failure.thrown).isInstanceOf(IllegalArgumentException.class);
        assertThat(fallback).isNull(); // the original runs in place
        List<Copy> records = drain(buffer);
        assertThat(records).hasSize(3);
        assertThat(records.get(0).status()).isEqualTo(ExecutionRecord.SUCCESS);
        assertThat(records.get(0).attempts()).isEqualTo(1);
        assertThat(records.get(0).error()).isNull();
        assertThat(records.get(0).arguments()).isNull();
        assertThat(records.get(0).cpu()).isEqualTo(-1);
        assertThat(records.get(1).status()).isEqualTo(ExecutionRecord.FAILURE);
        assertThat(records.get(1).error()).isSameAs(failure.thrown);
        assertThat(records.get(2).status()).isEqualTo(ExecutionRecord.FALLBACK);
        assertThat(records.get(2).error()).isInstanceOf(IllegalStateException.class).hasMessage("our bug");
        assertThat(records.get(2).attempts()).isZero();
        assertThat(records.get(1).execution()).isGreaterThan(records.get(0).execution());
        // Recording never marks the id as exposed by itself.
        assertThat(records).allSatisfy(r -> assertThat(r.flags() & ExecutionFlags.ID_EXPOSED).isZero());
    }

    @Test
    void retriesAndAnExposedIdAreFlagged() throws Exception {
        ExecutionBuffer buffer = new ExecutionBuffer(16);
        ExecutionBuffer.install(buffer);
        AtomicReference<String> id = new AtomicReference<>();
        ActiveMethod m = active(RecordingPolicy.NONE, false, (call, args) -> {
            try {
                call.proceed(new Object[] {"fail"});
            } catch (IllegalArgumentException e) {
                // retried below
            }
            id.set(call.executionId());
            return call.proceed(args);
        });
        assertThat(m.invoke(null, new Object[] {"c"}).value).isEqualTo("cc");
        Copy r = drain(buffer).get(0);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.flags() & ExecutionFlags.RETRIED).isNotZero();
        assertThat(r.flags() & ExecutionFlags.ID_EXPOSED).isNotZero();
        assertThat(id.get()).isEqualTo(ExecutionIds.format(r.execution()));
    }

    @Test
    void aMethodWithAnObjectiveIsMeasuredAndItsInputsCopied() throws Exception {
        ExecutionBuffer buffer = new ExecutionBuffer(16);
        ExecutionBuffer.install(buffer);
        ActiveMethod m = active(RecordingPolicy.of("latency", true), false, (call, args) -> call.proceed(args));
        // This thread's last CPU read is at least a millisecond old: the call is measured in full.
        Thread.sleep(3);
        m.invoke(null, new Object[] {"d"});
        ActiveMethod noInputs = active(RecordingPolicy.of("latency", false), false, (call, args) -> call.proceed(args));
        noInputs.invoke(null, new Object[] {"e"});

        List<Copy> records = drain(buffer);
        Copy r = records.get(0);
        assertThat(r.precise()).isTrue();
        assertThat(r.flags() & ExecutionFlags.MEASURED).isNotZero();
        assertThat(r.arguments()).isEqualTo("[\"d\"]");
        assertThat(r.result()).isEqualTo("\"dd\"");
        assertThat(r.cpu()).isGreaterThanOrEqualTo(0);
        assertThat(r.bytes()).isGreaterThanOrEqualTo(0);
        assertThat(records.get(1).arguments()).isNull();
        assertThat(records.get(1).result()).isNull();
        assertThat(records.get(1).precise()).isTrue();
    }

    @Test
    void cpuTimeAndInputsAreReadAtMostOncePerMillisecondAndAllocationOnEveryCall() throws Exception {
        ExecutionBuffer buffer = new ExecutionBuffer(256);
        ExecutionBuffer.install(buffer);
        ActiveMethod m = active(RecordingPolicy.of("cost", true), false, (call, args) -> call.proceed(args));
        Thread.sleep(3);
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            m.invoke(null, new Object[] {"c"});
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000L;
        Thread.sleep(3);
        m.invoke(null, new Object[] {"late"});
        List<Copy> records = drain(buffer);
        assertThat(records).hasSize(201);
        int withCpu = 0;
        int withInputs = 0;
        for (Copy r : records) {
            assertThat(r.bytes()).isGreaterThanOrEqualTo(0);
            withCpu += r.cpu() >= 0 ? 1 : 0;
            withInputs += r.arguments() != null ? 1 : 0;
            assertThat(r.result() != null).as("a result is copied with its arguments").isEqualTo(r.arguments() != null);
        }
        assertThat(records.get(0).cpu()).as("the first call after a pause").isGreaterThanOrEqualTo(0);
        assertThat(records.get(0).arguments()).isEqualTo("[\"c\"]");
        assertThat(records.get(200).cpu()).as("a call after a pause").isGreaterThanOrEqualTo(0);
        assertThat(records.get(200).arguments()).isEqualTo("[\"late\"]");
        // One per coarse millisecond, and the coarse clock may step once more than the loop's own time.
        assertThat(withCpu).isBetween(2, (int) elapsedMillis + 4);
        assertThat(withInputs).isBetween(2, (int) elapsedMillis + 4);
    }

    @Test
    void oneCallInSixteenIsTimedPrecisely() throws Exception {
        ExecutionBuffer buffer = new ExecutionBuffer(1024);
        ExecutionBuffer.install(buffer);
        ActiveMethod m = active(RecordingPolicy.NONE, false, (call, args) -> call.proceed(args));
        for (int i = 0; i < 320; i++) {
            m.invoke(null, new Object[] {"x"});
        }
        List<Copy> records = drain(buffer);
        assertThat(records).hasSize(320);
        for (Copy r : records) {
            assertThat(r.precise()).isEqualTo(r.execution() % ExecutionBuffer.PRECISE_EVERY == 0);
        }
        // 320 numbers from at most two consecutive-number blocks: 19 to 21 multiples of 16.
        assertThat(records.stream().filter(Copy::precise).count()).isBetween(19L, 21L);
    }

    @Test
    void theOriginalSeesItsCallAsCurrentAlsoOnAnotherThread() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Call> current = new AtomicReference<>();
            AtomicReference<Call> duringOperate = new AtomicReference<>();
            ActiveMethod m = active(RecordingPolicy.NONE, false, (call, args) -> {
                current.set(call);
                duringOperate.set(CurrentExecution.call());
                Future<Object> f = worker.submit(() -> {
                    try {
                        return call.proceed(args);
                    } catch (Throwable t) {
                        throw new RuntimeException(t);
                    }
                });
                return f.get();
            });
            SEEN_BY_ORIGINAL.set(null);
            assertThat(m.invoke(null, new Object[] {"w"}).value).isEqualTo("ww");
            assertThat(duringOperate.get()).isSameAs(current.get());
            assertThat(SEEN_BY_ORIGINAL.get()).isSameAs(current.get());
            assertThat(worker.submit(CurrentExecution::call).get()).isNull();
            assertThat(CurrentExecution.call()).isNull();
        } finally {
            worker.shutdownNow();
        }
    }
}
