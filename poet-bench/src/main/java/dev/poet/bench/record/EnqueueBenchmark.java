package dev.poet.bench.record;

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

import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.ExecutionRecord;

/**
 * One {@link ExecutionBuffer#offer} as the dispatcher makes it, sampled per call (SampleTime: median and p99), with
 * a background thread draining the ring as the event writer would; {@code baseline} is an empty benchmark of the
 * same mode, for the timer's own resolution.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnqueueBenchmark {

    @State(Scope.Benchmark)
    public static class Ring {
        ExecutionBuffer buffer;
        Drainer drainer;
        long n;

        @Setup(Level.Trial)
        public void setUp() {
            buffer = new ExecutionBuffer(ExecutionBuffer.DEFAULT_CAPACITY);
            drainer = new Drainer(buffer);
            drainer.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            drainer.stopAndJoin();
            System.out.println("[bench] drained " + drainer.drained + ", dropped " + buffer.dropped());
        }
    }

    @Benchmark
    public boolean enqueue(Ring r) {
        long n = ++r.n;
        return r.buffer.offer(3, n, 1_700_000_000_000L, 1_000_000L, ExecutionRecord.SUCCESS, 1, 0, null, -1L, -1L,
                null, null);
    }

    @Benchmark
    public void baseline() {
        // the timer alone
    }
}
