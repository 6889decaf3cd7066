package dev.poet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionStoreConcurrencyTest {

    static final MethodKey KEY = MethodKey.of("com.acme.Shared", "run", "()V", "");

    @TempDir
    Path home;

    static void saveTagged(VersionStore store, String tag) throws IOException {
        store.save(KEY, "class Enhancement { /* " + tag + " */ }",
                ClassBytes.of(Map.of("gen.Enhancement", tag.getBytes(StandardCharsets.UTF_8))),
                StoreWriterMain.params(tag), VersionMetadata.builder().generator("template").reason(tag).build(),
                true);
    }

    /** Every version complete and self-consistent, all tags present once, exactly one active and it is current. */
    private void assertConsistent(VersionStore store, Set<String> expectedTags) throws IOException {
        Set<String> tags = new HashSet<>();
        int active = 0;
        for (String name : store.versions(KEY)) {
            StoredVersion v = store.version(KEY, name).orElseThrow();
            String tag = (String) store.readParams(KEY, name).get("tag");
            assertThat(v.source()).isEqualTo("class Enhancement { /* " + tag + " */ }");
            assertThat(new String(v.classBytes().get("gen.Enhancement").orElseThrow(), StandardCharsets.UTF_8))
                    .isEqualTo(tag);
            assertThat(tags.add(tag)).as("tag %s stored twice", tag).isTrue();
            if (v.metadata().status() == VersionStatus.ACTIVE) {
                active++;
            }
        }
        assertThat(tags).isEqualTo(expectedTags);
        assertThat(active).isEqualTo(1);
        assertThat(store.current(KEY)).hasValueSatisfying(
                v -> assertThat(v.metadata().status()).isEqualTo(VersionStatus.ACTIVE));
        try (var files = Files.walk(home)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp") || n.startsWith(".trash-"));
        }
    }

    @Test
    void twoThreadsSavingTheSameKeyGetDistinctCompleteVersions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> expected = new HashSet<>();
        List<Future<?>> futures = new ArrayList<>();
        for (String t : List.of("a", "b")) {
            // separate store instances: the in-JVM lock must not depend on sharing one object
            VersionStore store = new VersionStore(home, 1000, Clock.systemUTC());
            for (int i = 0; i < 15; i++) {
                expected.add(t + "-" + i);
            }
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 15; i++) {
                    saveTagged(store, t + "-" + i);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        VersionStore store = new VersionStore(home, 1000, Clock.systemUTC());
        assertThat(store.versions(KEY)).hasSize(30);
        assertConsistent(store, expected);
    }

    @Test
    void concurrentSavesWithPruningKeepTheLimitAndAValidCurrent() throws Exception {
        VersionStore store = new VersionStore(home, 5, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> futures = new ArrayList<>();
        for (String t : List.of("x", "y", "z")) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    saveTagged(store, t + i);
                    store.current(KEY).orElseThrow().classBytes();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(store.versions(KEY)).hasSize(5);
        assertThat(store.current(KEY)).isPresent();
    }

    @Test
    void twoProcessesSavingTheSameKeyGetDistinctCompleteVersions() throws Exception {
        Path startFile = home.resolve("go");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<Process> processes = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (String tag : List.of("p1", "p2")) {
            ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", cp,
                    StoreWriterMain.class.getName(), home.toString(), "12", tag, startFile.toString());
            pb.redirectErrorStream(true);
            pb.redirectOutput(home.resolve(tag + ".log").toFile());
            processes.add(pb.start());
            for (int i = 0; i < 12; i++) {
                expected.add(tag + "-" + i);
            }
        }
        // this JVM writes too, so in-JVM and cross-JVM locking are exercised together
        Thread.sleep(300);
        Files.writeString(startFile, "go");
        VersionStore store = new VersionStore(home, 1000, Clock.systemUTC());
        for (int i = 0; i < 6; i++) {
            saveTagged(store, "self-" + i);
            expected.add("self-" + i);
        }
        for (Process p : processes) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(home.resolve(p == processes.get(0) ? "p1.log" : "p2.log"));
            assertThat(p.exitValue()).as(log).isZero();
        }
        Files.delete(startFile);
        Files.delete(home.resolve("p1.log"));
        Files.delete(home.resolve("p2.log"));
        assertThat(store.versions(KEY)).hasSize(30);
        assertConsistent(store, expected);
    }
}
