package dev.poet.runtime.time;

/**
 * The time source of the phase runtime. Injected everywhere so that tests control time; production code uses
 * {@link #SYSTEM}.
 */
public interface Clock {

    /** Monotonic time in nanoseconds, for durations only (as {@link System#nanoTime()}). */
    long nanoTime();

    /** Wall-clock time in milliseconds since the epoch, for event timestamps (as {@link System#currentTimeMillis()}). */
    long currentTimeMillis();

    /** The JVM's clocks. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };
}
