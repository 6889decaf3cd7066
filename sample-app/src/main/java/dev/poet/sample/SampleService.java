package dev.poet.sample;

import java.io.IOException;

/**
 * A small workload: 50 stock look-ups against a flaky warehouse and a few price computations. Run it with and
 * without {@code -javaagent:poet-agent.jar} and compare what the callers saw.
 */
public final class SampleService {

    private SampleService() {
    }

    public static void main(String[] args) {
        InventoryService inventory = new InventoryService(new WarehouseClient());
        PricingService pricing = new PricingService();
        int served = 0;
        int failed = 0;
        for (int i = 0; i < 50; i++) {
            String sku = "SKU-" + (1000 + i);
            try {
                inventory.available(sku);
                served++;
            } catch (IOException e) {
                failed++;
                System.out.println("caller saw a failure: " + e.getMessage());
            }
        }
        System.out.println("stock look-ups: " + served + " served, " + failed + " failed");
        System.out.println("price per unit: " + pricing.pricePerUnit(120.0, 4) + ", "
                + pricing.pricePerUnit(99.0, 0));
    }
}
