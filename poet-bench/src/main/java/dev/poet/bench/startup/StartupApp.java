package dev.poet.bench.startup;

/** The application the start-up harness times: builds a service, calls each selected method, exits. */
public final class StartupApp {

    private StartupApp() {
    }

    public static void main(String[] args) {
        InventoryService service = new InventoryService();
        double sum = 0;
        int reserved = 0;
        for (String sku : service.skus()) {
            String n = service.normalize("  " + sku.toUpperCase() + " ");
            double p = service.price(n, 2);
            sum += service.total(new double[] {p, p * 0.5});
            if (service.reserve(n, 3)) {
                reserved++;
            }
        }
        System.out.println("startup-app total=" + Math.round(sum) + " reserved=" + reserved);
    }
}
