package dev.poet.runtime.time;

/**
 * Time that costs one volatile read: a daemon thread ({@value #THREAD_NAME}) stores
 * {@code System.currentTimeMillis()} and {@code System.nanoTime()} every millisecond. Reading either system clock
 * costs some 20 ns on virtual machines whose clock source is not the TSC; a call whose duration only needs to be
 * known to the millisecond (execution records, slow-call detection with thresholds in milliseconds) should not pay
 * that twice.
 *
 * <p>Its values lag the real clocks by at most one tick plus scheduling delay (on a loaded machine a tick can be
 * late), so a duration from two reads is good to about a millisecond. {@link #nanoTime()} is a sample of
 * {@code System.nanoTime()}, so it is monotonic, on the same time base as {@code System.nanoTime()} (the two can be
 * compared), and does not jump when the wall clock is set. Until {@link #start()} (the engine starts it when
 * something needs it, never at agent start-up), and if the ticker ever dies, both read the system clocks: slower,
 * still correct.
 */
public final class CoarseClock {

    /** Milliseconds between ticks. */
    public static final long TICK_MILLIS = 1;

    /** The ticker thread's name. */
    public static final String THREAD_NAME = "poet-clock";

    /**
     * "No tick yet": {@code System.nanoTime()} may be any value, 0 and negatives included, so the sentinel is the
     * one value it does not reach in practice (it would take 292 years of uptime from the origin).
     */
    private static final long UNSET = Long.MIN_VALUE;

    private static volatile long millis = UNSET;
    private static volatile long nanos = UNSET;
    private static Thread ticker;

    private CoarseClock() {
    }

    /** Epoch milliseconds, as of the last tick. */
    public static long millis() {
        long t = millis;
        return t != UNSET ? t : System.currentTimeMillis();
    }

    /** Monotonic nanoseconds (as {@link System#nanoTime()}, for durations only), as of the last tick. */
    public static long nanoTime() {
        long t = nanos;
        return t != UNSET ? t : System.nanoTime();
    }

    /** Starts the ticker once; later calls do nothing. Never throws. */
    public static synchronized void start() {
        if (ticker != null) {
            return;
        }
        try {
            tickOnce();
            Thread t = new Thread(CoarseClock::tick, THREAD_NAME);
            t.setDaemon(true);
            t.setContextClassLoader(null);
            t.start();
            ticker = t;
        } catch (Throwable e) {
            stopped();
        }
    }

    /** Whether the ticker runs. */
    public static synchronized boolean running() {
        return ticker != null && ticker.isAlive();
    }

    private static void tickOnce() {
        nanos = System.nanoTime();
        millis = System.currentTimeMillis();
    }

    private static void stopped() {
        // Interrupted or worse: fall back to the system clocks rather than freeze time.
        millis = UNSET;
        nanos = UNSET;
    }

    private static void tick() {
        try {
            while (true) {
                tickOnce();
                Thread.sleep(TICK_MILLIS);
            }
        } catch (Throwable e) {
            stopped();
        }
    }
}
