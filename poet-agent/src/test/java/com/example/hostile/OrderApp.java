package com.example.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.poet.api.Poet;

/**
 * An application whose enhanced method takes an application type and a string. It makes three calls, then (with
 * {@code -Dorders.await-store=true}, only ever given to runs with the agent) waits until a version was stored
 * under {@code ./.poet}, so that its last three calls come after the engine decided, then makes three more. Its
 * output must be the same with and without the agent.
 */
public class OrderApp {

    @Poet
    public static String describe(Order order, String tag) {
        return order.quantity() + " x " + order.item() + " (" + tag + ")";
    }

    public static void main(String[] args) throws Exception {
        System.out.println(describe(new Order("pen", 1), "first"));
        System.out.println(describe(new Order("ink", 2), "second"));
        System.out.println(describe(new Order("pad", 3), "third"));
        if (Boolean.getBoolean("orders.await-store")) {
            awaitStoredVersion(Path.of(".poet"), 30_000);
        }
        System.out.println(describe(new Order("cap", 4), "fourth"));
        System.out.println(describe(new Order("box", 5), "fifth"));
        System.out.println(describe(new Order("bag", 6), "sixth"));
    }

    private static void awaitStoredVersion(Path home, long millis) throws InterruptedException, IOException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (Files.isDirectory(home)) {
                try (Stream<Path> files = Files.walk(home)) {
                    if (files.anyMatch(p -> p.getFileName().toString().equals("metadata.json"))) {
                        // The slot is set before the version is stored; a moment for the rename to finish.
                        Thread.sleep(100);
                        return;
                    }
                } catch (UncheckedIOException e) {
                    // The store renamed a temporary file while we walked: look again.
                }
            }
            Thread.sleep(20);
        }
    }
}
