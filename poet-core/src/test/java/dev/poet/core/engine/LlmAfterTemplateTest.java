package dev.poet.core.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.SlotTable;
import dev.poet.core.generate.GeneratedSource;
import dev.poet.core.generate.GenerationFailure;
import dev.poet.core.generate.GenerationRequest;
import dev.poet.core.generate.SourceCheck;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.VersionStore;
import dev.poet.runtime.event.PhaseEventSink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a source generator, the template version is active before the generator answers; the generator's version
 * replaces it only after the gate, through the engine's compare-and-set; a failed generation holds back the next
 * one across restarts.
 */
class LlmAfterTemplateTest {

    /** The method being enhanced. */
    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }
    }

    /** Waits for {@code release}, then answers a transparent enhancement (or fails, if told to). */
    static final class GatedGenerator implements SourceGenerator {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final boolean fail;

        GatedGenerator(boolean fail) {
            this.fail = fail;
        }

        @Override
        public String fingerprint() {
            return "gated";
        }

        @Override
        public GeneratedSource generate(GenerationRequest request, SourceCheck check) throws GenerationFailure {
            calls.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GenerationFailure("interrupted");
            }
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
            return new GeneratedSource(source, result.classes(), Map.of("generator", "llm", "model", "gated"));
        }
    }

    @TempDir
    Path home;

    private static final MethodSpec SPEC = new MethodSpec(Greeter.class.getName(), "greet",
            "(Ljava/lang/String;)Ljava/lang/String;", java.lang.reflect.Modifier.PUBLIC, Map.of());

    /** One start of the agent: a fresh registry, pipeline and engine over the same home. */
    private final class Start {
        // A table of its own: other tests in this JVM register methods in the global one.
        final MethodRegistry registry = new MethodRegistry(new SlotTable());
        final PoetEngine engine;
        final int id;

        Start(SourceGenerator generator) {
            EnhancementPipeline pipeline = new EnhancementPipeline(
                    new TemplateRepository(null, null, LlmAfterTemplateTest.class.getClassLoader()),
                    new PrivateLookupOriginalHandles(), MethodSettingsSource.NONE, PhaseEventSink.NONE, new VersionStore(home),
                    generator);
            engine = new PoetEngine(EngineOptions.defaults(), registry, pipeline);
            id = registry.register(Greeter.class.getClassLoader(), SPEC);
            engine.discovered(id, Greeter.class);
        }

        ActiveMethod await(Predicate<ActiveMethod> test) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                Object slot = registry.slots().content(id);
                if (slot instanceof ActiveMethod active && test.test(active)) {
                    return active;
                }
                Thread.sleep(10);
            }
            throw new AssertionError("slot " + id + " holds " + registry.slots().content(id));
        }
    }

    private static boolean fromTemplate(ActiveMethod m) {
        // Template units nest one class per method; the generator's class stands alone.
        return m.enhancement().getClass().getName().contains("$");
    }

    private Path methodDir() {
        return new VersionStore(home).methodDir(MethodKey.of(SPEC.className(), SPEC.methodName(), SPEC.descriptor(),
                ""));
    }

    @Test
    void theTemplateIsActiveWhileTheGeneratorRunsAndItsVersionReplacesItOnceThrough() throws Exception {
        GatedGenerator generator = new GatedGenerator(false);
        Start start = new Start(generator);
        try {
            ActiveMethod template = start.await(LlmAfterTemplateTest::fromTemplate);
            template.context().stats().calls.increment();
            assertThat(generator.release.getCount()).as("the generator has not answered yet").isEqualTo(1);

            generator.release.countDown();
            ActiveMethod llm = start.await(m -> !fromTemplate(m));

            assertThat(llm.context().stats()).as("the method's counters carry over").isSameAs(template.context().stats());
            assertThat(generator.calls.get()).isEqualTo(1);
            // Compare-and-set: a version no longer in the slot cannot be replaced.
            assertThat(start.engine.replaceActive(template, template)).isFalse();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (llm.version().equals("pending") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(llm.version()).isEqualTo("v1");
            assertThat(Files.readString(methodDir().resolve("v1").resolve("metadata.json")))
                    .containsPattern("\"generator\"\\s*:\\s*\"llm\"");
        } finally {
            start.engine.shutdown(5000);
        }

        GatedGenerator again = new GatedGenerator(false);
        again.release.countDown();
        Start restart = new Start(again);
        try {
            ActiveMethod reused = restart.await(m -> true);
            assertThat(fromTemplate(reused)).as("the stored LLM version is reused").isFalse();
            assertThat(again.calls.get()).isZero();
        } finally {
            restart.engine.shutdown(5000);
        }
    }

    @Test
    void aFailedGenerationIsNotRepeatedByTheNextStart() throws Exception {
        GatedGenerator generator = new GatedGenerator(true);
        generator.release.countDown();
        Start start = new Start(generator);
        try {
            ActiveMethod template = start.await(LlmAfterTemplateTest::fromTemplate);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (template.version().equals("pending") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(template.version()).as("the template version is stored once the LLM failed").isEqualTo("v1");
            assertThat(Files.readString(methodDir().resolve("v1").resolve("metadata.json")))
                    .containsPattern("\"generator\"\\s*:\\s*\"template\"").contains("the model is unreachable");
            assertThat(methodDir().resolve("llm-backoff.json")).exists();
            assertThat(generator.calls.get()).isEqualTo(1);
        } finally {
            start.engine.shutdown(5000);
        }

        GatedGenerator again = new GatedGenerator(true);
        again.release.countDown();
        Start restart = new Start(again);
        try {
            ActiveMethod reused = restart.await(m -> !m.version().equals("pending"));
            assertThat(fromTemplate(reused)).isTrue();
            assertThat(reused.version()).isEqualTo("v1");
        } finally {
            restart.engine.shutdown(5000);
        }
        assertThat(again.calls.get()).as("no request within the delay").isZero();
    }
}
