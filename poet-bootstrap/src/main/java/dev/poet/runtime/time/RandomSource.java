package dev.poet.runtime.time;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The random source of the phase runtime (backoff jitter). Injected so that tests are deterministic; production
 * code uses {@link #SYSTEM}.
 */
public interface RandomSource {

    /**
     * A uniformly distributed value in {@code [0, bound]} (both ends included); {@code 0} when {@code bound <= 0}.
     */
    long nextLongInclusive(long bound);

    /** {@link ThreadLocalRandom}: no shared state, no contention, no allocation. */
    RandomSource SYSTEM = new RandomSource() {
        @Override
        public long nextLongInclusive(long bound) {
            if (bound <= 0) {
                return 0;
            }
            // bound + 1 cannot overflow in practice: delays are capped far below Long.MAX_VALUE.
            return ThreadLocalRandom.current().nextLong(bound + 1);
        }
    };
}
