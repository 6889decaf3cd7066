package dev.poet.bench.record;

import dev.poet.bridge.record.ExecutionBuffer;

/**
 * Measures the heap an empty {@link ExecutionBuffer} of the default capacity takes: used heap after a full GC, with
 * and without one held. Run: {@code java -cp poet-bench/target/benchmarks.jar dev.poet.bench.record.BufferFootprint}.
 */
public final class BufferFootprint {

    private BufferFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        int capacity = args.length > 0 ? Integer.parseInt(args[0]) : ExecutionBuffer.DEFAULT_CAPACITY;
        long before = used();
        ExecutionBuffer buffer = new ExecutionBuffer(capacity);
        long after = used();
        long bytes = after - before;
        System.out.println("capacity " + buffer.capacity() + ": " + bytes + " bytes measured, "
                + String.format("%.1f", bytes / (double) capacity) + " bytes/slot (declared "
                + ExecutionBuffer.BYTES_PER_SLOT + "), " + buffer.size() + " queued");
    }

    private static long used() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
