package dev.poet.runtime.time;

/**
 * Waits between retry attempts. Injected so that tests of backoff never really sleep; production code uses
 * {@link #SYSTEM}.
 */
public interface Sleeper {

    /**
     * Waits {@code millis} milliseconds (nothing when {@code millis <= 0}).
     *
     * @throws InterruptedException when the waiting thread is interrupted; the interrupt flag is then clear, as
     *                              with {@link Thread#sleep(long)}
     */
    void sleep(long millis) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = new Sleeper() {
        @Override
        public void sleep(long millis) throws InterruptedException {
            if (millis > 0) {
                Thread.sleep(millis);
            }
        }
    };
}
