package dev.poet.bench.overhead;

import org.openjdk.jmh.annotations.CompilerControl;

/** Benchmark target; the three targets have identical bodies and differ only in what the agent is told. */
public class EnhancedTarget {

    /** May be inlined into the caller, as a small method usually is. */
    public int add(int a, int b) {
        return a + b;
    }

    /** Never inlined: the cost of a real call, entry hook included. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int addNoInline(int a, int b) {
        return a + b;
    }
}
