package dev.poet.core.events.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.poet.core.events.Event;

/**
 * A child JVM for the crash test: appends executions {@code <prefix>-<n>} in a loop as fast as it can, syncs every
 * 200 ms and then prints {@code SYNCED <n>} (every execution below n is durable), until it is killed.
 */
public final class CrashingWriter {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        try (LocalEventLog log = LocalEventLog.open(dir, new EventStoreOptions(30, 1L << 30, 256 * 1024),
                Clock.systemUTC())) {
            long n = 0;
            long lastSync = System.nanoTime();
            while (true) {
                List<Event> batch = new ArrayList<>(100);
                for (int i = 0; i < 100; i++) {
                    batch.add(TestEvents.execution(prefix + "-" + n, "com.acme.Pricing~quote~ab12", n));
                    n++;
                }
                log.append(batch);
                if (System.nanoTime() - lastSync >= 200_000_000L) {
                    log.sync();
                    lastSync = System.nanoTime();
                    System.out.println("SYNCED " + n);
                    System.out.flush();
                }
            }
        }
    }
}
