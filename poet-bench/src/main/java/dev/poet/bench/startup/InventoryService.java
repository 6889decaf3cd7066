package dev.poet.bench.startup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small legacy service the start-up harness enhances through configuration only
 * ({@code poet.methods.include=dev.poet.bench.startup.InventoryService[price,total,normalize,reserve]}).
 */
public class InventoryService {

    private final Map<String, Integer> stock = new HashMap<>();

    public InventoryService() {
        for (int i = 0; i < 100; i++) {
            stock.put("sku-" + i, 10 + i % 7);
        }
    }

    public double price(String sku, int quantity) {
        return (sku.length() * 1.25 + 3.0) * quantity;
    }

    public double total(double[] prices) {
        double sum = 0;
        for (double p : prices) {
            sum += p;
        }
        return sum;
    }

    public String normalize(String sku) {
        return sku.trim().toLowerCase();
    }

    public boolean reserve(String sku, int quantity) {
        Integer left = stock.get(sku);
        if (left == null || left < quantity) {
            return false;
        }
        stock.put(sku, left - quantity);
        return true;
    }

    /** Non-selected helper, so the class also has methods the agent leaves alone. */
    public List<String> skus() {
        return new ArrayList<>(stock.keySet());
    }
}
