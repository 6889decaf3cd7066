package dev.poet.runtime.time;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoarseClockTest {

    /** Generous: a tick can be late on a loaded machine, but not by this much for long. */
    private static final long LAG_BOUND_NANOS = 500_000_000L;

    @Test
    void readsLagTheSystemClocksByLittleAndOnTheSameTimeBase() {
        CoarseClock.start();
        assertThat(CoarseClock.running()).isTrue();
        long systemBefore = System.nanoTime();
        long coarse = CoarseClock.nanoTime();
        long systemAfter = System.nanoTime();
        assertThat(coarse).as("a sample of System.nanoTime, never ahead of it").isLessThanOrEqualTo(systemAfter);
        assertThat(systemBefore - coarse).isLessThan(LAG_BOUND_NANOS);

        long wallBefore = System.currentTimeMillis();
        long coarseMillis = CoarseClock.millis();
        long wallAfter = System.currentTimeMillis();
        assertThat(coarseMillis).isLessThanOrEqualTo(wallAfter);
        assertThat(wallBefore - coarseMillis).isLessThan(LAG_BOUND_NANOS / 1_000_000L);
    }

    @Test
    void nanoTimeIsMonotonicAndMovesInTicks() throws InterruptedException {
        CoarseClock.start();
        long first = CoarseClock.nanoTime();
        long previous = first;
        int changes = 0;
        long until = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < until) {
            long now = CoarseClock.nanoTime();
            assertThat(now).isGreaterThanOrEqualTo(previous);
            if (now != previous) {
                changes++;
            }
            previous = now;
        }
        // 50 ms of spinning sees a few ticks, far fewer than the reads: the value only changes when the ticker runs.
        assertThat(changes).isBetween(1, 60);
        Thread.sleep(20);
        assertThat(CoarseClock.nanoTime() - first).as("a sleep of 20 ms is seen to about a millisecond")
                .isGreaterThanOrEqualTo(15_000_000L);
    }

    @Test
    void startingTwiceKeepsOneTicker() {
        CoarseClock.start();
        CoarseClock.start();
        long tickers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> CoarseClock.THREAD_NAME.equals(t.getName())).count();
        assertThat(tickers).isEqualTo(1);
    }

    @Test
    void theCoarseClockInterfaceReadsIt() {
        CoarseClock.start();
        long before = CoarseClock.nanoTime();
        long read = Clock.COARSE.nanoTime();
        long after = CoarseClock.nanoTime();
        assertThat(read).isBetween(before, after);
        long beforeMillis = CoarseClock.millis();
        long readMillis = Clock.COARSE.currentTimeMillis();
        assertThat(readMillis).isBetween(beforeMillis, CoarseClock.millis());
    }
}
