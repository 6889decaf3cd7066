package dev.poet.runtime.time;

/**
 * The time source of the phase runtime. Injected everywhere so that tests control time; production code uses
 * {@link #SYSTEM}, or {@link #COARSE} where a millisecond is precise enough.
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

    /**
     * The {@link CoarseClock}: each read is one volatile read instead of a system call's worth, and good to about a
     * millisecond (its {@code nanoTime()} moves in steps of about a millisecond). Its {@code nanoTime()} samples
     * {@code System.nanoTime()}, so values from this clock and from {@link #SYSTEM} may be compared. Until the
     * ticker runs it reads the system clocks. For durations compared with thresholds in milliseconds.
     */
    Clock COARSE = new Clock() {
        @Override
        public long nanoTime() {
            return CoarseClock.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return CoarseClock.millis();
        }
    };
}
