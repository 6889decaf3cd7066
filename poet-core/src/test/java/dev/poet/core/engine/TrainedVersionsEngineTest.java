package dev.poet.core.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Outcome;
import dev.poet.bridge.SlotTable;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.train.TrainedMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Train's versions through the real engine (bundled base template, pipeline, slots, store): a regenerated candidate
 * passes the gate and is stored without running; promotion puts it in the slot and makes it current; a rollback
 * restores a stored version and marks the undone one.
 */
class TrainedVersionsEngineTest {

    /** The application: a downstream that always fails transiently. */
    public static class Downstream {
        public int attempts;

        public String fetch(String id) throws IOException {
            attempts++;
            throw new IOException("connection reset");
        }
    }

    @TempDir
    Path dir;

    private PoetEngine engine;
    private SlotTable table;
    private int id;

    @AfterEach
    void stop() {
        Dispatcher.install(null);
        if (engine != null) {
            engine.shutdown(5_000);
        }
    }

    private void start(Map<String, String> settings) {
        if (engine != null) {
            engine.shutdown(5_000);
        }
        table = new SlotTable();
        MethodRegistry registry = new MethodRegistry(table);
        MethodSpec spec = new MethodSpec(Downstream.class.getName(), "fetch",
                "(Ljava/lang/String;)Ljava/lang/String;", java.lang.reflect.Modifier.PUBLIC, Map.of());
        id = registry.register(Downstream.class.getClassLoader(), spec);
        EnhancementPipeline pipeline = new EnhancementPipeline(new TemplateRepository(null, null,
                getClass().getClassLoader()), new PrivateLookupOriginalHandles(),
                (className, methodName, types) -> settings, dev.poet.core.events.engine.EngineEvents.NONE,
                new VersionStore(dir.resolve(".poet")), null);
        engine = new PoetEngine(new EngineOptions(true, 10_000, 3, false, 0), registry, pipeline);
        Dispatcher.install(engine);
    }

    /** Attempts one call made. */
    private int call() throws Exception {
        Downstream app = new Downstream();
        Outcome outcome = Dispatcher.dispatch(table.content(id), id, Downstream.class, app, new Object[] {"a"});
        if (outcome == null) {
            // First call: the eager activation ran; the next call goes through the enhancement.
            engine.discovered(id, Downstream.class);
            awaitActive();
            return call();
        }
        assertThat(outcome.thrown).isInstanceOf(IOException.class);
        return app.attempts;
    }

    private void awaitActive() throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!(table.content(id) instanceof ActiveMethod) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(table.content(id)).isInstanceOf(ActiveMethod.class);
    }

    private static Map<String, String> settings(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("optimize-for", "latency");
        m.put("backoff-initial-ms", "0");
        m.put("retry-budget-max-tokens", "1000");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private TrainedMethod trained() {
        List<TrainedMethod> all = engine.trainedMethods();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void aCandidateIsStoredWithoutRunningPromotedIntoTheSlotAndRolledBackByHand() throws Exception {
        start(settings());
        assertThat(call()).as("template default retries=3").isEqualTo(3);
        TrainedMethod m = trained();
        VersionStore store = new VersionStore(dir.resolve(".poet"));
        MethodKey key = MethodKey.parse(m.key());
        awaitVersion();
        m = trained();

        var candidate = engine.generateCandidate(m.key(), Map.of("retries", 1L), "evidence").orElseThrow();

        assertThat(candidate.version()).isEqualTo("v2");
        assertThat(candidate.current().version()).isEqualTo("v1");
        assertThat(candidate.candidate().context().params().getLong("retries", 0)).isEqualTo(1);
        assertThat(store.version(key, "v2").orElseThrow().metadata().status()).isEqualTo(VersionStatus.CANDIDATE);
        assertThat(store.currentName(key)).hasValue("v1");
        assertThat(call()).as("a candidate does not run").isEqualTo(3);

        assertThat(engine.promote(m.key(), "v2")).isTrue();
        assertThat(call()).as("the promoted version runs from the next call").isEqualTo(1);
        assertThat(trained().version()).isEqualTo("v2");
        assertThat(store.currentName(key)).hasValue("v2");
        assertThat(engine.promote(m.key(), "v2")).as("promoted once").isFalse();

        assertThat(engine.rollBack(m.key(), "v1", "by hand")).isTrue();
        assertThat(call()).as("the restored version runs").isEqualTo(3);
        assertThat(trained().version()).isEqualTo("v1");
        assertThat(store.currentName(key)).hasValue("v1");
        assertThat(store.version(key, "v2").orElseThrow().metadata().status()).isEqualTo(VersionStatus.ROLLED_BACK);
        assertThat(engine.rollBack(m.key(), "v2", "again")).as("a rolled-back version is not activated again")
                .isFalse();
        assertThat(engine.rollBack(m.key(), "v9", "none")).isFalse();
    }

    @Test
    void aDiscardedCandidateIsRejectedAndNeverPromoted() throws Exception {
        start(settings());
        call();
        TrainedMethod m = trained();
        VersionStore store = new VersionStore(dir.resolve(".poet"));
        awaitVersion();
        m = trained();
        var candidate = engine.generateCandidate(m.key(), Map.of("retries", 1L), null).orElseThrow();

        engine.discard(m.key(), candidate.version(), "not better on replay");

        assertThat(engine.promote(m.key(), candidate.version())).isFalse();
        assertThat(store.version(MethodKey.parse(m.key()), candidate.version()).orElseThrow().metadata().status())
                .isEqualTo(VersionStatus.REJECTED);
        assertThat(call()).isEqualTo(3);
    }

    /** Until the running version is stored under its name (activation does not wait for the disk). */
    private void awaitVersion() throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while ("pending".equals(trained().version()) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    private static void awaitStored(VersionStore store, String key) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (store.versions(MethodKey.parse(key)).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }
}
