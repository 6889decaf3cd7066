package dev.poet.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.SlotTable;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.core.budget.LoopBudgetInjector;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.generate.GeneratedSource;
import dev.poet.core.generate.GenerationFailure;
import dev.poet.core.generate.GenerationRequest;
import dev.poet.core.generate.SourceCheck;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.GenerationFacts;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.verify.VerificationGate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source generator's answers go through the whole gate — compile, audit, load, verification — and each
 * rejection's reason is what the generator gets back for its repair.
 */
class SourceGenerationTest {

    /** The method being enhanced. */
    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }
    }

    /** Answers from a script, in order; remembers what the check said about each. */
    static final class ScriptedGenerator implements SourceGenerator {
        final List<String> bodies;
        final List<String> problems = new ArrayList<>();

        ScriptedGenerator(String... perceiveBodies) {
            this.bodies = List.of(perceiveBodies);
        }

        @Override
        public String fingerprint() {
            return "scripted";
        }

        @Override
        public GeneratedSource generate(GenerationRequest request, SourceCheck check) throws GenerationFailure {
            String simple = request.className().substring(request.className().lastIndexOf('.') + 1);
            for (String body : bodies) {
                String source = "package dev.poet.gen;\nimport dev.poet.bridge.*;\n"
                        + "public class " + simple + " implements Enhancement {\n"
                        + "  public " + simple + "(MethodContext ctx) { }\n"
                        + "  public Object[] perceive(Call call, Object[] args) throws Throwable { " + body + " }\n"
                        + "  public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                        + "  public Object enforce(Call call, Object result) throws Throwable { return result; }\n"
                        + "}\n";
                SourceCheck.Result result = check.check(source);
                if (result.passed()) {
                    return new GeneratedSource(source, result.classes(), Map.of("generator", "scripted"));
                }
                problems.add(result.problems());
            }
            throw new GenerationFailure("no acceptable answer: " + problems.get(problems.size() - 1));
        }
    }

    private static Candidate candidate() throws Exception {
        MethodRegistry registry = new MethodRegistry(new SlotTable());
        MethodSpec spec = new MethodSpec(Greeter.class.getName(), "greet", "(Ljava/lang/String;)Ljava/lang/String;",
                java.lang.reflect.Modifier.PUBLIC, Map.of());
        int id = registry.register(Greeter.class.getClassLoader(), spec);
        CandidatePreparation preparation = new CandidatePreparation(
                new TemplateRepository(null, null, SourceGenerationTest.class.getClassLoader()),
                MethodSettingsSource.NONE);
        return preparation.prepare(Greeter.class, registry.byId(id),
                GenerationFacts.read(Greeter.class.getClassLoader(), Greeter.class.getName()));
    }

    private static SourceGeneration generation(ScriptedGenerator generator) {
        JaninoCompiler compiler = new JaninoCompiler();
        return new SourceGeneration(generator, new TemplateUnits(new TemplateRenderer(), compiler), compiler,
                new BytecodeAuditor(), new LoopBudgetInjector(), new VerificationGate());
    }

    @Test
    void everyRejectionReasonGoesBackUntilAnAnswerPasses() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(
                "return args",                                        // does not compile
                "System.exit(1); return args;",                       // audit
                "args[0] = ((String) args[0]).trim(); return args;",  // verification: base changes an argument
                "return args;");
        Candidate c = candidate();

        assertThat(generation(generator).generate(Greeter.class, c,
                GenerationFacts.read(Greeter.class.getClassLoader(), Greeter.class.getName()))).isTrue();

        assertThat(generator.problems).hasSize(3);
        assertThat(generator.problems.get(0)).startsWith("compile error:");
        assertThat(generator.problems.get(1)).contains("java.lang.System.exit");
        assertThat(generator.problems.get(2)).contains("verification rejected").contains("changed argument 0");
        assertThat(c.provenance).containsEntry("generator", "scripted");
        assertThat(c.classes).containsKey(c.enhancementClass);
    }

    @Test
    void aGeneratorThatNeverPassesLeavesTheTemplateInChargeWithTheReasonRecorded() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator("throw new IllegalStateException(\"always\");");
        Candidate c = candidate();

        assertThat(generation(generator).generate(Greeter.class, c,
                GenerationFacts.read(Greeter.class.getClassLoader(), Greeter.class.getName()))).isFalse();

        assertThat(generator.problems).singleElement().asString().contains("verification rejected")
                .contains("always");
        assertThat(c.note).contains("the template is used");
        assertThat(c.classes).isNull();
    }
}
