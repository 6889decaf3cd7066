package dev.poet.bench.record;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.objectweb.asm.Type;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.poet.bench.domains.DomainTarget;
import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.bridge.Outcome;
import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.RecordingPolicy;
import dev.poet.core.audit.AuditPolicy;
import dev.poet.core.audit.AuditResult;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.core.budget.LoopBudgetInjector;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.engine.PrivateLookupOriginalHandles;
import dev.poet.core.generate.MethodModel;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.GenerationFacts;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.time.CoarseClock;

/**
 * What Train's per-call bookkeeping costs: one call of {@code double score(double)} through the bundled base
 * enhancement (rendered, compiled, audited and defined as the pipeline does), with an execution buffer installed
 * and drained on another thread as the agent runs it, {@code optimizeFor} {@code none} (aggregates only) against
 * {@code latency} (the execution's thread CPU and allocation read twice, its inputs copied, both recorded). Train's
 * orchestrator itself runs once per interval on its own thread and is not part of a call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrainBookkeepingBenchmark {

    static final int METHOD_ID = 31;

    @State(Scope.Benchmark)
    public static class Subject {

        @Param({"none", "latency", "latency-no-inputs"})
        public String optimizeFor;

        public final DomainTarget target = new DomainTarget();
        public double x = 1234.5;
        ActiveMethod active;
        ExecutionBuffer buffer;
        Drainer drainer;
        long callsAtStart;
        boolean inputs;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            String objective = "none".equals(optimizeFor) ? null : optimizeFor.replace("-no-inputs", "");
            inputs = !optimizeFor.endsWith("-no-inputs");
            active = build(objective);
            buffer = new ExecutionBuffer(ExecutionBuffer.DEFAULT_CAPACITY);
            ExecutionBuffer.install(buffer);
            CoarseClock.start();
            drainer = new Drainer(buffer);
            drainer.start();
            Object value = call(this);
            if (!Double.valueOf(target.score(x)).equals(value)
                    || active.context().stats().calls.sum() != 1) {
                throw new IllegalStateException("the call did not go through the base enhancement: " + value);
            }
            callsAtStart = active.context().stats().calls.sum();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            ExecutionBuffer.install(null);
            drainer.stopAndJoin();
            System.out.println("[bench] optimizeFor=" + optimizeFor + ": "
                    + (active.context().stats().calls.sum() - callsAtStart) + " calls, drained " + drainer.drained
                    + ", dropped " + buffer.dropped());
        }

        private ActiveMethod build(String objective) throws Exception {
            Method method = DomainTarget.class.getMethod("score", double.class);
            Template template = new TemplateRepository(null, null, TrainBookkeepingBenchmark.class.getClassLoader())
                    .find("base");
            String descriptor = Type.getMethodDescriptor(method);
            String[] names = GenerationFacts.read(DomainTarget.class.getClassLoader(), DomainTarget.class.getName())
                    .method("score", descriptor).parameterNames();
            String key = "bench~train~score";
            MethodModel model = MethodModel.forMethod("M0", key, method, names);
            String unit = "Poet_TrainBookkeeping_score";
            String source = new TemplateRenderer().render(template, unit, DomainTarget.class.getName(),
                    List.of(model));
            Map<String, Class<?>> appTypes = new LinkedHashMap<>();
            appTypes.put(DomainTarget.class.getName(), DomainTarget.class);
            EnhancementLoader loader = new EnhancementLoader(DomainTarget.class.getName(), appTypes);
            Map<String, byte[]> classes = new JaninoCompiler().compile(unit + ".java", source,
                    loader.compilationView());
            AuditResult audit = new BytecodeAuditor().audit(classes, AuditPolicy.forMethod(method));
            if (!audit.isPassed()) {
                throw new IllegalStateException("audit rejected base: " + audit.describe());
            }
            loader.addClasses(new LoopBudgetInjector().inject(classes));
            Map<String, Object> params = new LinkedHashMap<>(template.defaults());
            if (objective != null) {
                params.put("optimize-for", objective);
            }
            MethodContext context = new MethodContext(METHOD_ID, key, DomainTarget.class.getName(), "score",
                    descriptor, method.getParameterTypes(), names, method.getReturnType(),
                    method.getExceptionTypes(), Modifier.isStatic(method.getModifiers()), false, template.domain(),
                    new ParamsRef(Params.of(params)), PhaseEventSink.NONE, new MethodStats(),
                    RecordingPolicy.of(objective, inputs));
            Class<?> generated = Class.forName(TemplateRenderer.PACKAGE + "." + unit + "$M0", true, loader);
            Enhancement enhancement = (Enhancement) generated.getConstructor(MethodContext.class)
                    .newInstance(context);
            return new ActiveMethod(context, enhancement, new PrivateLookupOriginalHandles().originalOf(method),
                    "bench");
        }
    }

    static Object call(Subject s) {
        Outcome o = Dispatcher.dispatch(s.active, METHOD_ID, DomainTarget.class, s.target, new Object[] {s.x});
        return o.thrown != null ? o.thrown : o.value;
    }

    @Benchmark
    public Object dispatch(Subject s) {
        return call(s);
    }
}
