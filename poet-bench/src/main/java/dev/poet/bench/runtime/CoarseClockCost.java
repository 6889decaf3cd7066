package dev.poet.bench.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import dev.poet.runtime.time.CoarseClock;

/**
 * What the coarse clock's ticker costs the machine while it runs: its thread's CPU time and its tick rate over a
 * number of seconds, and how far {@link CoarseClock#nanoTime()} lags {@code System.nanoTime()} when read.
 *
 * <p>{@code java -cp poet-bench/target/benchmarks.jar dev.poet.bench.runtime.CoarseClockCost [seconds]}
 */
public final class CoarseClockCost {

    private CoarseClockCost() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.printf("cores: %d, load average before: %.2f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        CoarseClock.start();
        Thread ticker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> CoarseClock.THREAD_NAME.equals(t.getName())).findFirst().orElseThrow();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getThreadCpuTime(ticker.getId());
        long wall0 = System.nanoTime();
        long ticks = 0;
        long maxLag = 0;
        long sumLag = 0;
        long samples = 0;
        long last = CoarseClock.nanoTime();
        long end = wall0 + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(0, 100_000);
            long coarse = CoarseClock.nanoTime();
            long lag = System.nanoTime() - coarse;
            if (coarse != last) {
                ticks++;
                last = coarse;
            }
            maxLag = Math.max(maxLag, lag);
            sumLag += lag;
            samples++;
        }
        long cpu = threads.getThreadCpuTime(ticker.getId()) - cpu0;
        double wall = (System.nanoTime() - wall0) / 1e9;
        System.out.printf("ticker CPU: %.2f ms per second (%.3f %% of one core); observed ticks: %.0f per second%n",
                cpu / 1e6 / wall, cpu / 1e7 / wall, ticks / wall);
        System.out.printf("lag of CoarseClock.nanoTime() behind System.nanoTime() when read: mean %.3f ms, max %.3f ms"
                + " (%d reads)%n", sumLag / 1e6 / samples, maxLag / 1e6, samples);
        System.out.printf("load average after: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
