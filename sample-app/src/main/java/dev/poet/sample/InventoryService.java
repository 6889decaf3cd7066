package dev.poet.sample;

import java.io.IOException;

/**
 * A legacy service that knows nothing of POET. {@code agent.properties} selects {@link #available(String)}
 * ({@code poet.methods.include=dev.poet.sample.InventoryService[available]}), so the agent retries its transient
 * failures without a line of this class changing.
 */
public class InventoryService {

    private final WarehouseClient warehouse;

    public InventoryService(WarehouseClient warehouse) {
        this.warehouse = warehouse;
    }

    /** Units on hand; throws when the warehouse cannot be reached. */
    public int available(String sku) throws IOException {
        return warehouse.stockLevel(sku);
    }
}
