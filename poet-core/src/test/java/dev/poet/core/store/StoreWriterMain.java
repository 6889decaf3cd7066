package dev.poet.core.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a separate JVM by {@link VersionStoreConcurrencyTest}: saves {@code count} versions of one method,
 * activating each, tagging source and metadata with {@code tag}. Waits for {@code startFile} so both writers
 * start at the same moment instead of one JVM finishing before the other has booted.
 */
public final class StoreWriterMain {

    private StoreWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String tag = args[2];
        Path startFile = Path.of(args[3]);
        VersionStore store = new VersionStore(home, 1000, java.time.Clock.systemUTC());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!java.nio.file.Files.exists(startFile) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        for (int i = 0; i < count; i++) {
            VersionStoreConcurrencyTest.saveTagged(store, tag + "-" + i);
        }
        System.out.println("done " + tag);
    }

    static Map<String, Object> params(String tag) {
        return Map.of("tag", tag);
    }
}
