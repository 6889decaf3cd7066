package dev.poet.core.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Outcome;
import dev.poet.bridge.SlotTable;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.VersionStore;
import dev.poet.core.train.TrainedMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine tests of Train share: one method of the application (a downstream that always fails
 * transiently) under the real engine — bundled base template, pipeline, slot table, version store under a
 * temporary folder — started (and restarted) with the settings a test gives, called through the dispatcher.
 */
abstract class DownstreamEngineTest {

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

    PoetEngine engine;
    SlotTable table;
    int id;

    @AfterEach
    void stop() {
        Dispatcher.install(null);
        if (engine != null) {
            engine.shutdown(5_000);
        }
    }

    /** What a test adds to the pipeline before the engine starts; nothing by default. */
    void configure(EnhancementPipeline pipeline) {
    }

    /** Starts the engine, stopping a running one first: a restart over the same folder. */
    void start(Map<String, String> settings) {
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
        configure(pipeline);
        engine = new PoetEngine(new EngineOptions(true, 10_000, 3, false, 0), registry, pipeline);
        Dispatcher.install(engine);
    }

    /** Attempts one call made. */
    int call() throws Exception {
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

    void awaitActive() throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!(table.content(id) instanceof ActiveMethod) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(table.content(id)).isInstanceOf(ActiveMethod.class);
    }

    /** {@code optimize-for=latency}, no backoff, a retry budget that never runs dry, then the given pairs. */
    static Map<String, String> settings(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("optimize-for", "latency");
        m.put("backoff-initial-ms", "0");
        m.put("retry-budget-max-tokens", "1000");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    TrainedMethod trained() {
        List<TrainedMethod> all = engine.trainedMethods();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** Until the store holds a version of {@code key} (activation does not wait for the disk). */
    static void awaitStored(VersionStore store, String key) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (store.versions(MethodKey.parse(key)).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }
}
