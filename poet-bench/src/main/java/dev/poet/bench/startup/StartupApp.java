package dev.poet.bench.startup;

/** The application the start-up harness times: builds a service, calls each selected method, exits. */
public final class StartupApp {

    private StartupApp() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        InventoryService service = new InventoryService(); // class load: the agent instruments it here
        long t1 = System.nanoTime();
        service.normalize(" warm "); // first call of the class: discovery (with eager activation: waits)
        long t2 = System.nanoTime();
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
        long t3 = System.nanoTime();
        System.out.println("startup-app total=" + Math.round(sum) + " reserved=" + reserved);
        if (Boolean.getBoolean("startup.trace")) {
            long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            long sinceMain = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("trace ms: jvm-start-to-main~" + (uptime - sinceMain) + " load+instrument="
                    + (t1 - t0) / 1_000_000 + " first-call=" + (t2 - t1) / 1_000_000 + " rest="
                    + (t3 - t2) / 1_000_000);
        }
    }
}
