package dev.poet.core.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Outcome;
import dev.poet.bridge.SlotTable;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.events.write.EventWriter;
import dev.poet.core.generate.GeneratedSource;
import dev.poet.core.generate.GenerationFailure;
import dev.poet.core.generate.GenerationRequest;
import dev.poet.core.generate.SourceCheck;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.store.VersionStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's own events, from real activations of a method through the pipeline, the gate and the slots. */
class EngineEventsTest {

    /** The application. */
    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }
    }

    private static final int QUARANTINE_AFTER = 3;

    @TempDir
    Path dir;

    private final MemoryEventLog log = new MemoryEventLog();
    private final EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"),
            Clock.systemUTC());
    private final EventWriter writer = new EventWriter(log, 3_600_000, 10_000, factory);
    private PoetEngine engine;
    private SlotTable table;

    @AfterEach
    void stop() {
        Dispatcher.install(null);
        if (engine != null) {
            engine.shutdown(5_000);
        }
        writer.close();
    }

    /** Starts an engine on {@link Greeter#greet} whose template's phases have the given bodies. */
    private int start(String perceive, String enforce) throws Exception {
        table = new SlotTable();
        MethodRegistry registry = new MethodRegistry(table);
        MethodSpec spec = new MethodSpec(Greeter.class.getName(), "greet", "(Ljava/lang/String;)Ljava/lang/String;",
                java.lang.reflect.Modifier.PUBLIC, Map.of());
        int id = registry.register(Greeter.class.getClassLoader(), spec);
        Path templates = Files.createDirectories(dir.resolve("templates"));
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
                + "    public Object enforce(Call call, Object result) throws Throwable { " + enforce
                + " return result; }\n"
                + "  }\n"
                + "{{/methods}}\n"
                + "}\n");
        EngineEvents events = EngineEvents.writingTo(writer, factory);
        EnhancementPipeline pipeline = new EnhancementPipeline(
                new TemplateRepository(dir.resolve(".poet"), templates, getClass().getClassLoader()),
                new PrivateLookupOriginalHandles(), MethodSettingsSource.NONE, events,
                new VersionStore(dir.resolve(".poet")), null);
        engine = new PoetEngine(new EngineOptions(false, 5000, QUARANTINE_AFTER, false, 0), registry, pipeline,
                events);
        Dispatcher.install(engine);
        return id;
    }

    /** A model that answers a transparent enhancement, or fails. */
    private static final class Model implements SourceGenerator {
        private final boolean fail;

        Model(boolean fail) {
            this.fail = fail;
        }

        @Override
        public String fingerprint() {
            return "llm|prompt=1|provider=openai|model=m1";
        }

        @Override
        public GeneratedSource generate(GenerationRequest request, SourceCheck check) throws GenerationFailure {
            if (fail) {
                throw new GenerationFailure("the model is unreachable");
            }
            String simple = request.className().substring(request.className().lastIndexOf('.') + 1);
            String source = "package dev.poet.gen;\nimport dev.poet.bridge.*;\n"
                    + "public class " + simple + " implements Enhancement {\n"
                    + "  public " + simple + "(MethodContext ctx) { }\n"
                    + "  public Object[] perceive(Call call, Object[] args) throws Throwable { return args; }\n"
                    + "  public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                    + "  public Object enforce(Call call, Object result) throws Throwable { return result; }\n"
                    + "}\n";
            SourceCheck.Result result = check.check(source);
            if (!result.passed()) {
                throw new GenerationFailure(result.problems());
            }
            return new GeneratedSource(source, result.classes(), Map.of("generator", "llm", "model", "m1",
                    "provider", "openai"));
        }
    }

    /** Starts an engine on {@link Greeter#greet} with the bundled templates and {@code model} after them. */
    private int startWithModel(SourceGenerator model) {
        table = new SlotTable();
        MethodRegistry registry = new MethodRegistry(table);
        MethodSpec spec = new MethodSpec(Greeter.class.getName(), "greet", "(Ljava/lang/String;)Ljava/lang/String;",
                java.lang.reflect.Modifier.PUBLIC, Map.of());
        int id = registry.register(Greeter.class.getClassLoader(), spec);
        EngineEvents events = EngineEvents.writingTo(writer, factory);
        EnhancementPipeline pipeline = new EnhancementPipeline(
                new TemplateRepository(null, null, getClass().getClassLoader()),
                new PrivateLookupOriginalHandles(), MethodSettingsSource.NONE, events,
                new VersionStore(dir.resolve(".poet")), model);
        engine = new PoetEngine(EngineOptions.defaults(), registry, pipeline, events);
        Dispatcher.install(engine);
        return id;
    }

    private String call(int id, String name) {
        Greeter greeter = new Greeter();
        Object slot = table.content(id);
        Outcome outcome = slot == null ? null
                : Dispatcher.dispatch(slot, id, Greeter.class, greeter, new Object[] {name});
        if (outcome == null) {
            return greeter.greet(name);
        }
        return (String) outcome.value;
    }

    /** The events of {@code type} once {@code until} holds for them. */
    private List<Event> await(String type, Predicate<List<Event>> until) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        List<Event> events;
        do {
            writer.flushNow();
            events = log.query(EventQuery.all().withType(type));
            if (until.test(events)) {
                return events;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < end);
        throw new AssertionError("no such " + type + " events: " + events + "; all: " + log.events());
    }

    private static Predicate<List<Event>> some() {
        return events -> !events.isEmpty();
    }

    @Test
    void aGeneratedVersionSaysItSucceededThenThatItIsActiveCausedByIt() throws Exception {
        int id = start("", "");
        call(id, "ann");

        Event activated = await(EventTypes.VERSION_ACTIVATED, some()).get(0);
        Event generated = await(EventTypes.GENERATION_SUCCEEDED, some()).get(0);

        assertThat(activated.causationId()).isEqualTo(generated.id());
        assertThat(activated.payload()).containsEntry("version", "v1").containsEntry("generator", "template")
                .containsEntry("template", "base").containsEntry("template_version", "test-1")
                .containsEntry("reused", false).containsEntry("function_name", Greeter.class.getName() + ".greet");
        assertThat((String) activated.payload().get("method")).contains("Greeter~greet~");
        assertThat(generated.payload()).containsEntry("version", "v1").containsEntry("generator", "template")
                .containsKey("timings_ms");
        assertThat(activated.correlationId()).isNull();
        assertThat(log.query(EventQuery.all().withType("version.rejected"))).isEmpty();

        // A restart with nothing changed reuses the stored version: activated, nothing generated.
        engine.shutdown(5_000);
        int again = start("", "");
        call(again, "bob");
        List<Event> activations = await(EventTypes.VERSION_ACTIVATED, events -> events.size() == 2);
        assertThat(activations.get(1).payload()).containsEntry("reused", true).containsEntry("version", "v1");
        assertThat(activations.get(1).causationId()).isNull();
        assertThat(log.query(EventQuery.all().withType(EventTypes.GENERATION_SUCCEEDED))).hasSize(1);
    }

    @Test
    void aVersionThatFailsVerificationIsRejectedWithTheReason() throws Exception {
        int id = start("args[0] = \"changed\";", "");
        call(id, "ann");

        Event rejected = await(EventTypes.VERSION_REJECTED, some()).get(0);

        assertThat(rejected.payload()).containsEntry("stage", "verification").containsEntry("version", "v1")
                .containsEntry("generator", "template");
        assertThat((String) rejected.payload().get("reason"))
                .startsWith("verification rejected the generated code").contains("changed argument 0");
        assertThat(log.query(EventQuery.all().withType(EventTypes.VERSION_ACTIVATED))).isEmpty();
        assertThat(table.content(id) instanceof ActiveMethod).isFalse();
    }

    @Test
    void aVersionTheAuditRefusesIsRejectedAtTheAudit() throws Exception {
        int id = start("System.exit(3);", "");
        call(id, "ann");

        Event rejected = await(EventTypes.VERSION_REJECTED, some()).get(0);

        assertThat(rejected.payload()).containsEntry("stage", "audit");
        assertThat((String) rejected.payload().get("reason")).contains("System.exit");
    }

    @Test
    void aTemplateThatDoesNotCompileIsAFailedGeneration() throws Exception {
        int id = start("this does not compile", "");
        call(id, "ann");

        Event failed = await(EventTypes.GENERATION_FAILED, some()).get(0);

        assertThat(failed.payload()).containsEntry("generator", "template").containsEntry("fallback", "original")
                .containsEntry("active_version", null);
        assertThat((String) failed.payload().get("reason")).isNotBlank();
    }

    @Test
    void aVersionThatKeepsFailingIsQuarantinedWithTheReason() throws Exception {
        int id = start("", "if (\"boom\".equals(call.self() == null ? null : result.toString().substring(6))) {"
                + " throw new IllegalStateException(\"enforce broke\"); }");
        call(id, "ann");
        long end = System.nanoTime() + 20_000_000_000L;
        while (!(table.content(id) instanceof ActiveMethod) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(table.content(id)).isInstanceOf(ActiveMethod.class);
        // Stored (and so named) once its activation was said.
        await(EventTypes.VERSION_ACTIVATED, some());
        for (int i = 0; i < QUARANTINE_AFTER; i++) {
            // Our failure after the original ran: the caller gets the original's result, unchanged.
            assertThat(call(id, "boom")).isEqualTo("hello boom");
        }

        Event quarantined = await(EventTypes.VERSION_QUARANTINED, some()).get(0);

        assertThat(quarantined.payload()).containsEntry("failures", QUARANTINE_AFTER).containsEntry("phase", "enforce")
                .containsEntry("version", "v1");
        assertThat((String) quarantined.payload().get("reason")).contains("enforce broke");
        assertThat(table.content(id) instanceof ActiveMethod).isFalse();
    }

    @Test
    void theModelsVersionReplacingTheTemplatesIsAGenerationThenAnActivationNamingWhatItReplaced() throws Exception {
        int id = startWithModel(new Model(false));
        call(id, "ann");

        List<Event> activations = await(EventTypes.VERSION_ACTIVATED, events -> events.size() == 2);
        List<Event> generations = await(EventTypes.GENERATION_SUCCEEDED, events -> events.size() == 2);

        Event template = activations.get(0);
        assertThat(template.payload()).containsEntry("generator", "template").containsEntry("version", null);
        assertThat(template.causationId()).isEqualTo(generations.get(0).id());
        Event llm = activations.get(1);
        assertThat(llm.causationId()).isEqualTo(generations.get(1).id());
        assertThat(llm.payload()).containsEntry("generator", "llm").containsEntry("model", "m1")
                .containsEntry("provider", "openai").containsEntry("version", "v1").containsEntry("reused", false)
                .containsEntry("replaced", "pending");
        assertThat(generations.get(1).payload()).containsEntry("generator", "llm").containsEntry("model", "m1");
        assertThat(log.query(EventQuery.all().withType(EventTypes.GENERATION_FAILED))).isEmpty();
    }

    @Test
    void aModelThatFailsIsAFailedGenerationWithTheTemplateVersionStayingActive() throws Exception {
        int id = startWithModel(new Model(true));
        call(id, "ann");

        Event failed = await(EventTypes.GENERATION_FAILED, some()).get(0);

        assertThat(failed.payload()).containsEntry("generator", "llm").containsEntry("model", "m1")
                .containsEntry("provider", "openai").containsEntry("fallback", "template")
                .containsEntry("active_version", "v1");
        assertThat((String) failed.payload().get("reason")).contains("the model is unreachable");
        assertThat(table.content(id)).isInstanceOf(ActiveMethod.class);
        assertThat(((ActiveMethod) table.content(id)).version()).isEqualTo("v1");
    }
}
