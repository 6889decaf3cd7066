package dev.poet.bridge.record;

/**
 * A wall clock that costs one volatile read: a daemon thread ({@code poet-clock}) stores
 * {@code System.currentTimeMillis()} every millisecond. Reading {@code System.nanoTime} or
 * {@code currentTimeMillis} costs some 20 ns on virtual machines whose clock source is not the TSC; a call whose
 * duration only needs to be known to the millisecond should not pay that twice.
 *
 * <p>Its value lags the real clock by at most one tick plus scheduling delay (on a loaded machine a tick can be
 * late), so a duration from two reads is good to about a millisecond. Until {@link #start()} (the engine starts it
 * when recording is on, never at agent start-up), {@link #millis()} reads the system clock.
 */
public final class CoarseClock {

    /** Milliseconds between ticks. */
    public static final long TICK_MILLIS = 1;

    private static volatile long now;
    private static Thread ticker;

    private CoarseClock() {
    }

    /** Epoch milliseconds, as of the last tick. */
    public static long millis() {
        long t = now;
        return t != 0 ? t : System.currentTimeMillis();
    }

    /** Starts the ticker once; later calls do nothing. Never throws. */
    public static synchronized void start() {
        if (ticker != null) {
            return;
        }
        try {
            now = System.currentTimeMillis();
            Thread t = new Thread(CoarseClock::tick, "poet-clock");
            t.setDaemon(true);
            t.setContextClassLoader(null);
            t.start();
            ticker = t;
        } catch (Throwable e) {
            // Without the ticker, millis() reads the system clock: slower, still correct.
            now = 0;
        }
    }

    /** Whether the ticker runs. */
    public static synchronized boolean running() {
        return ticker != null && ticker.isAlive();
    }

    private static void tick() {
        try {
            while (true) {
                now = System.currentTimeMillis();
                Thread.sleep(TICK_MILLIS);
            }
        } catch (Throwable e) {
            // Interrupted or worse: fall back to the system clock rather than freeze time.
            now = 0;
        }
    }
}
