package dev.poet.bench.domains;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
import org.openjdk.jmh.infra.Blackhole;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.bridge.Outcome;
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
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/**
 * One call of a trivial method through each domain's enhancement, against a direct call of the same method in the
 * same run. No agent: setup builds the enhancement in-process the way {@code EnhancementPipeline} does (render the
 * domain template for one method, compile with Janino against {@link EnhancementLoader#compilationView()}, audit,
 * inject the loop budget, define through the {@link EnhancementLoader}, instantiate with a {@link MethodContext},
 * wrap in an {@link ActiveMethod} with the exact original from {@link PrivateLookupOriginalHandles}); verification is not run.
 *
 * <p>{@code dispatch} does what the entry hook does once it has found a non-empty slot: box the arguments into
 * a fresh {@code Object[]} and call {@link Dispatcher#dispatch}; it returns the outcome's value (boxed). No
 * {@code BridgeHooks} are installed (no engine), so the per-call recording an engine does is not included.
 * {@code direct} calls the same method of {@link DomainTarget} with the same argument and consumes the unboxed
 * result. {@code case} is {@code domain:method}; each domain's method is also run under {@code base}, so the
 * domain's own cost is the difference to the base row of the same method.
 *
 * <p>Setup fails the run unless the call really goes through the enhancement (the method's call counter moves,
 * the result is what the domain makes of it, no own failure); teardown prints calls, events and failures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DomainCostBenchmark {

    private static final int SCORE = 0;
    private static final int COMPLETE = 1;
    private static final int STATUS = 2;
    private static final int DRIFT = 3;

    @State(Scope.Thread)
    public static class Subject {

        @Param({"base:score", "financial_risk:score", "base:complete", "llm_ops:complete", "base:status",
                "api_operations:status", "base:drift", "ml_monitoring:drift"})
        public String scenario;

        public final DomainTarget target = new DomainTarget();
        /** Not in any cache, so boxing it allocates as it would for a real argument. */
        public double x = 1234.5;
        public String prompt = "Summarise: the quick brown fox";
        public String id = "order-42";
        /** 16 values (ml_monitoring's default min-samples is 10), no NaN, so nothing is cleaned. */
        public double[] values = new double[16];

        public int kind;
        public int methodId;
        public ActiveMethod active;
        public MethodStats stats;
        public final AtomicLong events = new AtomicLong();
        public volatile String lastEvent = "-";
        /** Event types seen during setup's checking call (not recorded while measuring). */
        public final java.util.Set<String> eventTypes = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile boolean recording = true;
        private long callsAtStart;

        @Setup(Level.Trial)
        public void build() throws Exception {
            for (int i = 0; i < values.length; i++) {
                values[i] = 10 + (i % 4);
            }
            String domain = scenario.substring(0, scenario.indexOf(':'));
            String methodName = scenario.substring(scenario.indexOf(':') + 1);
            kind = List.of("score", "complete", "status", "drift").indexOf(methodName);
            Method method = null;
            for (Method m : DomainTarget.class.getDeclaredMethods()) {
                if (m.getName().equals(methodName)) {
                    method = m;
                }
            }
            methodId = 1 + kind + (domain.equals("base") ? 0 : 10);
            active = build(domain, method);
            stats = active.context().stats();

            Object expected = expected();
            long before = stats.calls.sum();
            Object value = callThrough(this);
            require(stats.calls.sum() == before + 1, "the call did not go through the enhancement");
            require(stats.ownFailures.sum() == 0, "the enhancement failed on its own: " + lastEvent);
            switch (scenario) {
                case "ml_monitoring:drift":
                    // The domain adds its drift statistics to the method's map.
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) value;
                    require(m.containsKey("drift_detected") && m.containsKey("score") && m.get("mean").equals(11.5),
                            "ml_monitoring did not add its statistics: " + m);
                    break;
                case "api_operations:status":
                    // The domain normalises the status and adds the execution id and a timestamp.
                    @SuppressWarnings("unchecked")
                    Map<String, Object> r = (Map<String, Object>) value;
                    require("success".equals(r.get("status")) && r.containsKey("execution_id")
                            && "order-42".equals(r.get("id")), "api_operations did not normalise the result: " + r);
                    break;
                default:
                    require(expected.equals(value), "expected " + expected + " through the enhancement, got " + value);
            }
            System.out.println("[bench] " + scenario + ": " + active.enhancement().getClass().getName()
                    + " -> " + value + " (events of this call: " + events.get() + " " + eventTypes + ")");
            recording = false;
            callsAtStart = stats.calls.sum();
        }

        private Object expected() {
            switch (kind) {
                case SCORE: return target.score(x);
                case COMPLETE: return target.complete(prompt);
                case STATUS: return target.status(id);
                default: return target.drift(values);
            }
        }

        @TearDown(Level.Trial)
        public void report() {
            long calls = stats.calls.sum() - callsAtStart;
            System.out.println("[bench] " + scenario + ": " + calls + " calls through the enhancement, "
                    + events.get() + " events (last " + lastEvent + "), own failures " + stats.ownFailures.sum()
                    + ", retries " + stats.retries.sum());
        }

        private ActiveMethod build(String domain, Method method) throws Exception {
            Template template = new TemplateRepository(null, null, DomainCostBenchmark.class.getClassLoader())
                    .find(domain);
            Class<?> type = method.getDeclaringClass();
            String descriptor = Type.getMethodDescriptor(method);
            String[] names = GenerationFacts.read(type.getClassLoader(), type.getName())
                    .method(method.getName(), descriptor).parameterNames();
            String key = "bench~" + domain + "~" + method.getName();
            MethodModel model = MethodModel.forMethod("M0", key, method, names);
            String unit = "Poet_DomainTarget_" + domain + "_" + method.getName();
            String source = new TemplateRenderer().render(template, unit, type.getName(), List.of(model));
            Map<String, Class<?>> appTypes = new LinkedHashMap<>();
            appTypes.put(type.getName(), type);
            for (Class<?> t : method.getParameterTypes()) {
                addType(appTypes, t);
            }
            addType(appTypes, method.getReturnType());
            EnhancementLoader loader = new EnhancementLoader(type.getName(), appTypes);
            Map<String, byte[]> classes = new JaninoCompiler().compile(unit + ".java", source,
                    loader.compilationView());
            AuditResult audit = new BytecodeAuditor().audit(classes, AuditPolicy.forMethod(method));
            require(audit.isPassed(), "audit rejected " + domain + ": " + audit.describe());
            loader.addClasses(new LoopBudgetInjector().inject(classes));

            Map<String, Object> params = new LinkedHashMap<>(template.defaults());
            MethodStats methodStats = new MethodStats();
            PhaseEventSink sink = new PhaseEventSink() {
                @Override
                public void emit(PhaseEvent event) {
                    events.incrementAndGet();
                    lastEvent = event.type();
                    if (recording) {
                        eventTypes.add(event.type());
                    }
                }
            };
            MethodContext context = new MethodContext(methodId, key, type.getName(), method.getName(), descriptor,
                    method.getParameterTypes(), names, method.getReturnType(), method.getExceptionTypes(),
                    Modifier.isStatic(method.getModifiers()), Modifier.isSynchronized(method.getModifiers()),
                    template.domain(), new ParamsRef(Params.of(params)), sink, methodStats);
            Class<?> generated = Class.forName(TemplateRenderer.PACKAGE + "." + unit + "$M0", true, loader);
            Enhancement enhancement = (Enhancement) generated.getConstructor(MethodContext.class)
                    .newInstance(context);
            return new ActiveMethod(context, enhancement, new PrivateLookupOriginalHandles().originalOf(method), "bench");
        }

        private static void addType(Map<String, Class<?>> types, Class<?> type) {
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (!type.isPrimitive()) {
                types.put(type.getName(), type);
            }
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** What the entry hook does with a non-empty slot: fresh boxed arguments, then the dispatcher. */
    static Object callThrough(Subject s) {
        Object[] args;
        switch (s.kind) {
            case SCORE: args = new Object[] {s.x}; break;
            case COMPLETE: args = new Object[] {s.prompt}; break;
            case STATUS: args = new Object[] {s.id}; break;
            default: args = new Object[] {s.values}; break;
        }
        Outcome outcome = Dispatcher.dispatch(s.active, s.methodId, DomainTarget.class, s.target, args);
        // null would mean "run the original in place": a benchmark of the enhancement must never see it.
        return outcome.thrown != null ? outcome.thrown : outcome.value;
    }

    @Benchmark
    public Object dispatch(Subject s) {
        return callThrough(s);
    }

    @Benchmark
    public void direct(Subject s, Blackhole bh) {
        switch (s.kind) {
            case SCORE: bh.consume(s.target.score(s.x)); break;
            case COMPLETE: bh.consume(s.target.complete(s.prompt)); break;
            case STATUS: bh.consume(s.target.status(s.id)); break;
            default: bh.consume(s.target.drift(s.values)); break;
        }
    }
}
