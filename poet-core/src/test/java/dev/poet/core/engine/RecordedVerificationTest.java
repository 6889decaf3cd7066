package dev.poet.core.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Outcome;
import dev.poet.bridge.Recording;
import dev.poet.bridge.SlotTable;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.StoredVersion;
import dev.poet.core.store.VersionMetadata;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.runtime.event.PhaseEventSink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine and pipeline together on a method taking an application type, where no sample can be synthesised:
 * the version is held back while the original runs, verified on recorded calls, then activated or rejected.
 */
class RecordedVerificationTest {

    /** An application type: mutable, no equals. */
    public static final class Order {
        public String item;
        public int quantity;

        public Order(String item, int quantity) {
            this.item = item;
            this.quantity = quantity;
        }
    }

    /** The application. */
    public static class Shop {
        public String describe(Order order, String tag) {
            return order.quantity + " x " + order.item + " " + tag;
        }
    }

    @TempDir
    Path dir;

    private PoetEngine engine;
    /**
     * A table of its own per start (a restart is a new JVM's table): other tests in this JVM register methods in
     * the global one.
     */
    private SlotTable table;

    @AfterEach
    void uninstall() throws InterruptedException {
        Dispatcher.install(null);
        if (engine != null) {
            engine.shutdown(5_000);
            // An activation still running would write into the folder JUnit is about to delete.
            engine.awaitGenerators(10_000);
        }
    }

    private int start(Map<String, String> settings, String perceive) throws Exception {
        table = new SlotTable();
        MethodRegistry registry = new MethodRegistry(table);
        MethodSpec spec = new MethodSpec(Shop.class.getName(), "describe",
                "(L" + Order.class.getName().replace('.', '/') + ";Ljava/lang/String;)Ljava/lang/String;",
                java.lang.reflect.Modifier.PUBLIC, Map.of());
        int id = registry.register(Shop.class.getClassLoader(), spec);
        Path templates = null;
        if (perceive != null) {
            templates = Files.createDirectories(dir.resolve("templates"));
            Path base = Files.createDirectories(templates.resolve("base"));
            Files.writeString(base.resolve("template.properties"), "version=test-1\n");
            Files.writeString(base.resolve("Enhancement.java.mustache"), "package {{package}};\n"
                    + "import dev.poet.bridge.*;\n"
                    + "public final class {{unit}} {\n"
                    + "{{#methods}}\n"
                    + "  public static final class {{nested}} implements Enhancement {\n"
                    + "    public {{nested}}(MethodContext ctx) { }\n"
                    + "    public Object[] perceive(Call call, Object[] args) throws Throwable { " + perceive
                    + " return args; }\n"
                    + "    public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                    + "    public Object enforce(Call call, Object result) throws Throwable { return result; }\n"
                    + "  }\n"
                    + "{{/methods}}\n"
                    + "}\n");
        }
        EnhancementPipeline pipeline = new EnhancementPipeline(
                new TemplateRepository(dir.resolve(".poet"), templates, getClass().getClassLoader()),
                new PrivateLookupOriginalHandles(), (className, method, types) -> settings, PhaseEventSink.NONE, store());
        engine = new PoetEngine(EngineOptions.defaults(), registry, pipeline);
        Dispatcher.install(engine);
        return id;
    }

    private VersionStore store() {
        return new VersionStore(dir.resolve(".poet"));
    }

    private String call(int id, Shop shop, Order order, String tag) {
        Object slot = table.content(id);
        Outcome outcome = slot == null ? null
                : Dispatcher.dispatch(slot, id, Shop.class, shop, new Object[] {order, tag});
        if (outcome == null) {
            return shop.describe(order, tag);
        }
        return (String) outcome.value;
    }

    private Object awaitSlot(int id, Predicate<Object> until) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            Object slot = table.content(id);
            if (until.test(slot)) {
                return slot;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("slot still " + table.content(id));
    }

    private StoredVersion awaitStored(Predicate<StoredVersion> until) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            for (MethodKey key : store().methods()) {
                for (String name : store().versions(key)) {
                    StoredVersion v = store().version(key, name).orElse(null);
                    if (v != null && until.test(v)) {
                        return v;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such version stored");
    }

    @Test
    void aTransparentVersionIsActivatedAfterThreeRecordedCallsAndSaysSo() throws Exception {
        int id = start(Map.of(), "");
        Shop shop = new Shop();
        call(id, shop, new Order("pen", 1), "first");

        Recording recording = (Recording) awaitSlot(id, slot -> slot instanceof Recording);
        assertThat(recording.samples()).isEqualTo(EnhancementPipeline.DEFAULT_RECORDED_SAMPLES);
        assertThat(call(id, shop, new Order("pen", 2), "a")).isEqualTo("2 x pen a");
        assertThat(call(id, shop, new Order("ink", 3), "b")).isEqualTo("3 x ink b");
        assertThat(table.content(id)).isSameAs(recording);
        assertThat(call(id, shop, new Order("cap", 4), "c")).isEqualTo("4 x cap c");

        ActiveMethod active = (ActiveMethod) awaitSlot(id, slot -> slot instanceof ActiveMethod);
        assertThat(call(id, shop, new Order("pad", 5), "d")).isEqualTo("5 x pad d");
        assertThat(active.context().stats().calls.sum()).isEqualTo(1);
        StoredVersion stored = awaitStored(v -> v.metadata().status() == VersionStatus.ACTIVE);
        assertThat(stored.metadata().samples()).isEqualTo(new VersionMetadata.Samples(0, 3));
        assertThat(Files.readString(store().methodDir(stored.key()).resolve(stored.name()).resolve("metadata.json"))
                .replaceAll("\\s", "")).contains("\"samples\":{\"synthesised\":0,\"recorded\":3}");
    }

    @Test
    void aVersionRewritingAnArgumentIsRejectedOnRecordedCallsAndTheOriginalKeepsRunning() throws Exception {
        int id = start(Map.of(), "args[1] = ((String) args[1]) + \"!\";");
        Shop shop = new Shop();
        call(id, shop, new Order("pen", 1), "first");
        awaitSlot(id, slot -> slot instanceof Recording);
        for (int i = 0; i < 3; i++) {
            assertThat(call(id, shop, new Order("pen", i), "t" + i)).isEqualTo(i + " x pen t" + i);
        }

        awaitSlot(id, slot -> slot == null);
        StoredVersion stored = awaitStored(v -> v.metadata().status() == VersionStatus.REJECTED);
        assertThat(stored.metadata().reason()).contains("verification rejected the generated code on recorded calls")
                .contains("changed argument 1 (");
        assertThat(stored.metadata().samples()).isEqualTo(new VersionMetadata.Samples(0, 1));
        assertThat(call(id, shop, new Order("ink", 7), "z")).isEqualTo("7 x ink z");
    }

    @Test
    void aStoredVersionRejectedOnTheNextRunsRecordedCallsIsNotReusedAgain() throws Exception {
        String onlyEvil = "if (\"evil\".equals(args[1])) { args[1] = \"good\"; }";
        int id = start(Map.of(), onlyEvil);
        Shop shop = new Shop();
        call(id, shop, new Order("pen", 0), "first");
        awaitSlot(id, slot -> slot instanceof Recording);
        for (int i = 0; i < 3; i++) {
            call(id, shop, new Order("pen", i), "t");
        }
        awaitSlot(id, slot -> slot instanceof ActiveMethod);
        StoredVersion first = awaitStored(v -> v.metadata().status() == VersionStatus.ACTIVE);
        engine.shutdown(5_000);

        // A restart reuses the stored version, and verifies it again on this run's calls.
        id = start(Map.of(), onlyEvil);
        call(id, shop, new Order("pen", 0), "first");
        awaitSlot(id, slot -> slot instanceof Recording);
        for (int i = 0; i < 3; i++) {
            assertThat(call(id, shop, new Order("pen", i), "evil")).isEqualTo(i + " x pen evil");
        }
        awaitSlot(id, slot -> slot == null);
        StoredVersion rejected = awaitStored(v -> v.metadata().status() == VersionStatus.REJECTED);
        assertThat(rejected.name()).isEqualTo(first.name());
        assertThat(rejected.metadata().reason()).contains("changed argument 1");
        assertThat(store().currentName(rejected.key())).isEmpty();
    }

    @Test
    void withRecordingOffAVersionVerifiedOnNothingIsNeverActivated() throws Exception {
        int id = start(Map.of(EnhancementPipeline.RECORD_SAMPLES, "false"), "");
        Shop shop = new Shop();
        call(id, shop, new Order("pen", 1), "first");

        awaitSlot(id, slot -> slot == null);
        for (int i = 0; i < 5; i++) {
            call(id, shop, new Order("pen", i), "t");
        }
        Thread.sleep(200);
        assertThat(table.content(id)).isNull();
        assertThat(store().methods()).isEmpty();
    }

    @Test
    void theNumberOfRecordedCallsIsConfigurablePerMethod() throws Exception {
        int id = start(Map.of(EnhancementPipeline.RECORDED_SAMPLES, "5"), "");
        Shop shop = new Shop();
        call(id, shop, new Order("pen", 1), "first");
        Recording recording = (Recording) awaitSlot(id, slot -> slot instanceof Recording);
        assertThat(recording.samples()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            call(id, shop, new Order("pen", i), "t");
        }
        awaitSlot(id, slot -> slot instanceof ActiveMethod);
        assertThat(awaitStored(v -> v.metadata().status() == VersionStatus.ACTIVE).metadata().samples())
                .isEqualTo(new VersionMetadata.Samples(0, 5));
    }

}
