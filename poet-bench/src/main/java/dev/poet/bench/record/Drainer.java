package dev.poet.bench.record;

import dev.poet.bridge.record.ExecutionBuffer;

/** The benchmarks' stand-in for the event writer: drains the buffer every millisecond, keeps nothing. */
final class Drainer extends Thread {

    private final ExecutionBuffer buffer;
    private volatile boolean running = true;
    long drained;

    Drainer(ExecutionBuffer buffer) {
        super("bench-drainer");
        setDaemon(true);
        this.buffer = buffer;
    }

    @Override
    public void run() {
        long sum = 0;
        while (running) {
            sum += buffer.drainTo(r -> { }, Integer.MAX_VALUE);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                break;
            }
        }
        sum += buffer.drainTo(r -> { }, Integer.MAX_VALUE);
        drained = sum;
    }

    void stopAndJoin() throws InterruptedException {
        running = false;
        join();
    }
}
