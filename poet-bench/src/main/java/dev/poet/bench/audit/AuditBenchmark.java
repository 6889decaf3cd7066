package dev.poet.bench.audit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.poet.bench.janino.JaninoSubject;
import dev.poet.core.audit.AuditPolicy;
import dev.poet.core.audit.AuditResult;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.core.budget.LoopBudgetInjector;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.generate.MethodModel;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.generate.TemplateRepository;

/**
 * The two ASM passes over a compiled enhancement unit that the pipeline runs before it defines the classes:
 * {@link BytecodeAuditor#audit} (right after compilation) and {@link LoopBudgetInjector#inject} (the loop budget
 * verification runs under).
 *
 * <p>Setup renders the {@code domain} template for the first {@code methods} methods of {@link JaninoSubject}
 * (sorted by name, as {@code JaninoCompileBenchmark} does) as one unit and compiles it with Janino against
 * {@link EnhancementLoader#compilationView()}, as the pipeline does; neither is measured. The policy is built from
 * the unit's methods' signatures in setup too ({@code policyForMethods} measures building it). Each benchmark
 * processes the whole unit; divide by the class count that setup prints (and that the result file states) for the
 * cost per class.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AuditBenchmark {

    @Param({"1", "4"})
    public int methods;

    @Param({"base", "llm_ops"})
    public String domain;

    private final BytecodeAuditor auditor = new BytecodeAuditor();
    private final LoopBudgetInjector injector = new LoopBudgetInjector();
    private Map<String, byte[]> classes;
    private AuditPolicy policy;
    private List<Method> enhanced;

    @Setup(Level.Trial)
    public void compile() throws Exception {
        Template template = new TemplateRepository(null, null, AuditBenchmark.class.getClassLoader()).find(domain);
        Method[] declared = JaninoSubject.class.getDeclaredMethods();
        Arrays.sort(declared, Comparator.comparing(Method::getName));
        List<MethodModel> models = new ArrayList<>();
        enhanced = new ArrayList<>();
        Map<String, Class<?>> appTypes = new LinkedHashMap<>();
        appTypes.put(JaninoSubject.class.getName(), JaninoSubject.class);
        for (int i = 0; i < methods; i++) {
            Method m = declared[i];
            enhanced.add(m);
            String[] names = new String[m.getParameterCount()];
            for (int p = 0; p < names.length; p++) {
                names[p] = "arg" + p;
            }
            models.add(MethodModel.forMethod("M" + i, "bench-key-" + i, m, names));
            for (Class<?> p : m.getParameterTypes()) {
                addType(appTypes, p);
            }
            addType(appTypes, m.getReturnType());
        }
        String unit = "Poet_JaninoSubject_audit";
        String source = new TemplateRenderer().render(template, unit, JaninoSubject.class.getName(), models);
        EnhancementLoader loader = new EnhancementLoader(JaninoSubject.class.getName(), appTypes);
        classes = new JaninoCompiler().compile(unit + ".java", source, loader.compilationView());
        policy = policyForMethods();
        AuditResult result = auditor.audit(classes, policy);
        if (!result.isPassed()) {
            throw new IllegalStateException("the rendered unit does not pass the audit: " + result.describe());
        }
        Map<String, byte[]> injected = injector.inject(classes);
        int bytes = 0;
        int injectedBytes = 0;
        for (String name : classes.keySet()) {
            bytes += classes.get(name).length;
            injectedBytes += injected.get(name).length;
        }
        System.out.println("[bench] " + domain + " unit of " + methods + " method(s): " + classes.size()
                + " classes, " + bytes + " bytes (" + injectedBytes + " after the loop budget): " + classes.keySet());
    }

    private static void addType(Map<String, Class<?>> types, Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (!type.isPrimitive()) {
            types.put(type.getName(), type);
        }
    }

    /** Whole unit audited as one, with the policy of all its methods (setup checks it passes). */
    @Benchmark
    public AuditResult audit() {
        return auditor.audit(classes, policy);
    }

    /** The loop-budget rewrite of the whole unit. */
    @Benchmark
    public Map<String, byte[]> inject() {
        return injector.inject(classes);
    }

    /** Building the policy from the methods' signatures (reflection over their types and ancestors). */
    @Benchmark
    public AuditPolicy policyForMethods() {
        AuditPolicy.Builder b = AuditPolicy.builder().allow(JaninoSubject.class);
        for (Method m : enhanced) {
            b.allow(m.getReturnType());
            for (Class<?> p : m.getParameterTypes()) {
                b.allow(p);
            }
            for (Class<?> e : m.getExceptionTypes()) {
                b.allow(e);
            }
        }
        return b.build();
    }
}
