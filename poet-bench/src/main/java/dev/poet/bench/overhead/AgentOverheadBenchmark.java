package dev.poet.bench.overhead;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the agent on a trivial method, three identical bodies in three classes:
 * <ul>
 *   <li>{@code plain}: {@link PlainTarget} is not selected, so it is never instrumented;</li>
 *   <li>{@code instrumentedNoEnhancement}: {@link NoEnhancementTarget#add} is selected (entry hook woven in) but its
 *       configured domain has no template, so activation fails and its slot stays empty for ever;</li>
 *   <li>{@code enhancedBase}: {@link EnhancedTarget#add} runs through the active base enhancement.</li>
 * </ul>
 * The agent must be given on the command line (see poet-bench/README.md); the instrumented states refuse to run
 * without it, so a mis-configured run fails instead of measuring the wrong thing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AgentOverheadBenchmark {

    /** Arguments outside the Integer cache so that boxing on the enhanced path is not hidden. */
    @State(Scope.Thread)
    public static class Args {
        public int a = 1000;
        public int b = 2000;
    }

    @State(Scope.Thread)
    public static class Plain {
        public PlainTarget target;

        @Setup(Level.Trial)
        public void setUp() {
            target = new PlainTarget();
        }
    }

    @State(Scope.Thread)
    public static class Instrumented {
        public NoEnhancementTarget target;

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            require(AgentProbe.agentPresent(), "the agent is not in this JVM");
            target = new NoEnhancementTarget();
            int before = AgentProbe.undiscovered();
            int sum = target.add(1, 2); // discovery; activation fails (no template for the domain)
            int after = AgentProbe.undiscovered();
            require(sum == 3 && after == before - 2,
                    "NoEnhancementTarget.add is not instrumented (undiscovered slots " + before + " -> " + after + ")");
            Thread.sleep(500); // let the (failing) background activation finish before warm-up
            require(AgentProbe.active(NoEnhancementTarget.class.getName()) == 0,
                    "NoEnhancementTarget.add unexpectedly has an active enhancement");
            System.out.println("[bench] NoEnhancementTarget.add instrumented, no active enhancement");
        }
    }

    @State(Scope.Thread)
    public static class Enhanced {
        public EnhancedTarget target;

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            require(AgentProbe.agentPresent(), "the agent is not in this JVM");
            target = new EnhancedTarget();
            target.add(1, 2); // with poet.activation=eager this waits until the enhancement is active
            for (int i = 0; i < 200 && AgentProbe.active(EnhancedTarget.class.getName()) == 0; i++) {
                Thread.sleep(50);
            }
            require(AgentProbe.active(EnhancedTarget.class.getName()) == 2,
                    "EnhancedTarget.add/addNoInline have no active enhancement");
            require(target.add(1000, 2000) == 3000 && target.addNoInline(1000, 2000) == 3000,
                    "wrong result through the enhancement");
            System.out.println("[bench] EnhancedTarget.add and addNoInline active; engine loaded from "
                    + AgentProbe.engineLocation());
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    @Benchmark
    public int plain(Plain s, Args args) {
        return s.target.add(args.a, args.b);
    }

    @Benchmark
    public int instrumentedNoEnhancement(Instrumented s, Args args) {
        return s.target.add(args.a, args.b);
    }

    @Benchmark
    public int enhancedBase(Enhanced s, Args args) {
        return s.target.add(args.a, args.b);
    }

    @Benchmark
    public int plainNoInline(Plain s, Args args) {
        return s.target.addNoInline(args.a, args.b);
    }

    @Benchmark
    public int instrumentedNoEnhancementNoInline(Instrumented s, Args args) {
        return s.target.addNoInline(args.a, args.b);
    }

    @Benchmark
    public int enhancedBaseNoInline(Enhanced s, Args args) {
        return s.target.addNoInline(args.a, args.b);
    }
}
