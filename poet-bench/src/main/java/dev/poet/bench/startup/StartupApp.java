package dev.poet.bench.startup;

/**
 * The application the start-up harness times: builds a service, calls each selected method, exits. With the
 * argument {@code wide} it does the same with {@link WideService} (30 selected methods) instead of
 * {@link InventoryService} (4).
 */
public final class StartupApp {

    private StartupApp() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("wide")) {
            wide();
            return;
        }
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
        trace(t0, t1, t2, t3);
    }

    private static void wide() {
        long t0 = System.nanoTime();
        WideService service = new WideService();
        long t1 = System.nanoTime();
        int first = service.a00(1);
        long t2 = System.nanoTime();
        double acc = first;
        for (int round = 0; round < 100; round++) {
            acc += service.exercise(round);
        }
        long t3 = System.nanoTime();
        System.out.println("startup-app wide=" + Math.round(acc));
        trace(t0, t1, t2, t3);
    }

    private static void trace(long t0, long t1, long t2, long t3) {
        if (Boolean.getBoolean("startup.trace")) {
            long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            long sinceMain = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("trace ms: jvm-start-to-main~" + (uptime - sinceMain) + " load+instrument="
                    + (t1 - t0) / 1_000_000 + " first-call=" + (t2 - t1) / 1_000_000 + " rest="
                    + (t3 - t2) / 1_000_000);
        }
    }
}
