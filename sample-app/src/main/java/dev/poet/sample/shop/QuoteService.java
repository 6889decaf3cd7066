package dev.poet.sample.shop;

import java.io.IOException;

/**
 * The quote API. It knows nothing of POET: {@code agent.properties} selects {@link #quote(String, int)} for the
 * {@code api_operations} domain with {@code optimize-for=latency}, and without a line here changing, its callers
 * stop seeing the price service's resets.
 */
public class QuoteService {

    private final PriceFeed prices;

    public QuoteService(PriceFeed prices) {
        this.prices = prices;
    }

    /** Price of {@code quantity} units of {@code sku}, in cents. */
    public long quote(String sku, int quantity) throws IOException {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        return prices.unitPriceCents(sku) * quantity;
    }
}
