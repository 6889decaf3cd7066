package dev.poet.sample;

import java.io.IOException;
import java.util.Random;

/**
 * Stands in for a remote dependency: about one call in five fails with a transient I/O error, as a busy
 * service behind a load balancer does. Seeded, so every run sees the same sequence.
 */
public class WarehouseClient {

    private final Random random = new Random(42);

    public int stockLevel(String sku) throws IOException {
        if (random.nextInt(100) < 20) {
            throw new IOException("warehouse connection reset while reading " + sku);
        }
        return Math.abs(sku.hashCode() % 500);
    }
}
