package dev.poet.bench.record;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Call;
import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.bridge.Outcome;
import dev.poet.runtime.time.CoarseClock;
import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.RecordingPolicy;
import dev.poet.bridge.record.ThreadCosts;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/**
 * What recording costs on the caller's thread, in process (no agent: the dispatcher is called as the inlined
 * advice calls it, with a fresh boxed argument array):
 * <ul>
 *   <li>{@code clock*}: {@code System.nanoTime}, {@code currentTimeMillis} and the coarse clock's read;</li>
 *   <li>{@code threadCpu}, {@code threadAllocated}: the two reads a method with {@code optimize-for} pays twice;</li>
 *   <li>{@code dispatchRecordingOff} / {@code dispatchRecordingOn} / {@code dispatchMeasured}: one call through a
 *       pass-through enhancement of {@code int add(int,int)} with no buffer installed, with one installed (a
 *       background thread drains it), and for a method with {@code optimize-for} (inputs copied);</li>
 * </ul>
 * The enqueue cost alone is {@link EnqueueBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordingBenchmark {

    public static int add(int a, int b) {
        return a + b;
    }

    static final int METHOD_ID = 7;

    static ActiveMethod method(RecordingPolicy policy) throws ReflectiveOperationException {
        MethodHandle target = MethodHandles.lookup().findStatic(RecordingBenchmark.class, "add",
                MethodType.methodType(int.class, int.class, int.class)).asSpreader(Object[].class, 2);
        MethodHandle original = MethodHandles.dropArguments(target, 0, Object.class)
                .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        MethodContext context = new MethodContext(METHOD_ID, "bench~add", RecordingBenchmark.class.getName(), "add",
                "(II)I", new Class<?>[] {int.class, int.class}, new String[] {"a", "b"}, int.class, new Class<?>[0],
                true, false, "base", new ParamsRef(Params.EMPTY), PhaseEventSink.NONE, new MethodStats(), policy);
        return new ActiveMethod(context, new Enhancement() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                return args;
            }

            @Override
            public Object operate(Call call, Object[] args) throws Throwable {
                return call.attempt(args).run();
            }

            @Override
            public Object enforce(Call call, Object result) {
                return result;
            }
        }, original, "v1");
    }

    @State(Scope.Thread)
    public static class Args {
        public int a = 1000;
        public int b = 2000;
    }

    /** A drained buffer installed, the coarse clock running. */
    @State(Scope.Benchmark)
    public static class On {
        ActiveMethod recorded;
        ActiveMethod measured;
        ExecutionBuffer buffer;
        Drainer drainer;

        @Setup(Level.Trial)
        public void setUp() throws ReflectiveOperationException {
            recorded = method(RecordingPolicy.NONE);
            measured = method(RecordingPolicy.of("latency", true));
            buffer = new ExecutionBuffer(ExecutionBuffer.DEFAULT_CAPACITY);
            ExecutionBuffer.install(buffer);
            CoarseClock.start();
            drainer = new Drainer(buffer);
            drainer.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            ExecutionBuffer.install(null);
            drainer.stopAndJoin();
            System.out.println("[bench] drained " + drainer.drained + ", dropped " + buffer.dropped());
        }
    }

    @State(Scope.Benchmark)
    public static class Off {
        ActiveMethod method;

        @Setup(Level.Trial)
        public void setUp() throws ReflectiveOperationException {
            ExecutionBuffer.install(null);
            method = method(RecordingPolicy.NONE);
        }
    }

    @State(Scope.Benchmark)
    public static class Clock {
        @Setup(Level.Trial)
        public void setUp() {
            CoarseClock.start();
        }
    }

    private static int call(ActiveMethod m, Args args) {
        Outcome o = Dispatcher.dispatch(m, METHOD_ID, RecordingBenchmark.class, null,
                new Object[] {args.a, args.b});
        return (Integer) o.value;
    }

    @Benchmark
    public int dispatchRecordingOff(Off s, Args args) {
        return call(s.method, args);
    }

    @Benchmark
    public int dispatchRecordingOn(On s, Args args) {
        return call(s.recorded, args);
    }

    @Benchmark
    public int dispatchMeasured(On s, Args args) {
        return call(s.measured, args);
    }

    @Benchmark
    public long clockNanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long clockCurrentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Benchmark
    public long clockCoarse(Clock c) {
        return CoarseClock.millis();
    }

    @Benchmark
    public long threadCpu() {
        return ThreadCosts.cpuNanos();
    }

    @Benchmark
    public long threadAllocated() {
        return ThreadCosts.allocatedBytes();
    }
}
