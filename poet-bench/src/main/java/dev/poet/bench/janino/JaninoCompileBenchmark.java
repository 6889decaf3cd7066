package dev.poet.bench.janino;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.generate.MethodModel;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.generate.TemplateRepository;

/**
 * {@link JaninoCompiler#compile} of one rendered base-template unit (all enhancements of one class), as the
 * pipeline does it. Rendering happens in setup and is not measured. Single-shot: run with many forks and no
 * warm-up for the cold figure (one compile in a fresh JVM), one fork and many warm-up shots for the warm one
 * (see poet-bench/README.md). {@code methods} = how many methods of {@link JaninoSubject} the unit enhances.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
@State(Scope.Benchmark)
public class JaninoCompileBenchmark {

    @Param({"1", "8"})
    public int methods;

    private final JaninoCompiler compiler = new JaninoCompiler();
    private String source;
    private String fileName;
    private EnhancementLoader loader;

    @Setup(Level.Trial)
    public void render() throws Exception {
        Template template = new TemplateRepository(null, null, JaninoCompileBenchmark.class.getClassLoader())
                .find("base");
        Method[] declared = JaninoSubject.class.getDeclaredMethods();
        Arrays.sort(declared, Comparator.comparing(Method::getName));
        List<MethodModel> models = new ArrayList<>();
        for (int i = 0; i < methods; i++) {
            Method m = declared[i];
            String[] names = new String[m.getParameterCount()];
            for (int p = 0; p < names.length; p++) {
                names[p] = "arg" + p;
            }
            models.add(new MethodModel("M" + i, "bench-key-" + i, m.getName(), JaninoSubject.class.getName(),
                    m.getReturnType(), false, m.getParameterTypes(), names));
        }
        String unit = "Poet_JaninoSubject_bench";
        fileName = unit + ".java";
        source = new TemplateRenderer().render(template, unit, JaninoSubject.class.getName(), models);
        loader = new EnhancementLoader(JaninoSubject.class.getName(),
                Map.of(JaninoSubject.class.getName(), JaninoSubject.class));
    }

    @Benchmark
    public Map<String, byte[]> compile() throws Exception {
        Map<String, byte[]> classes = compiler.compile(fileName, source, loader);
        // The outer class and one nested class per method, plus whatever anonymous classes the template has
        // (the base template now has two anonymous Attempts per method).
        String outer = TemplateRenderer.PACKAGE + "." + fileName.substring(0, fileName.length() - ".java".length());
        boolean complete = classes.containsKey(outer);
        for (int i = 0; i < methods && complete; i++) {
            complete = classes.containsKey(outer + "$M" + i);
        }
        if (!complete) {
            throw new IllegalStateException("expected " + outer + " and its $M0..$M" + (methods - 1) + ", got "
                    + classes.keySet());
        }
        return classes;
    }
}
