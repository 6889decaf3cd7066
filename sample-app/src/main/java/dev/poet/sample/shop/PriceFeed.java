package dev.poet.sample.shop;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the remote price service the quote API depends on: five replicas behind a round-robin load
 * balancer. One replica is being drained and resets every connection; another runs on an older machine and answers
 * about three times slower. A caller that tries again reaches the next replica. Seeded, so every run sees the same
 * sequence of replicas and latencies.
 */
public class PriceFeed {

    static final int REPLICAS = 5;
    static final int DRAINING = 2;
    static final int SLOW = 4;

    private final AtomicLong requests = new AtomicLong();
    private final Random random;

    public PriceFeed(long seed) {
        this.random = new Random(seed);
    }

    /** Unit price of {@code sku} in cents; throws when the replica that took the request resets it. */
    public long unitPriceCents(String sku) throws IOException {
        int replica = (int) (requests.getAndIncrement() % REPLICAS);
        long latency;
        synchronized (random) {
            latency = replica == SLOW ? 25 + random.nextInt(11) : 4 + random.nextInt(8);
        }
        if (replica == DRAINING) {
            pause(2);
            throw new IOException("connection reset by peer (price replica " + (replica + 1) + " of " + REPLICAS
                    + ")");
        }
        pause(latency);
        return 500 + Math.floorMod(sku.hashCode(), 9_500);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
