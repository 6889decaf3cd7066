package dev.poet.core.domains;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
import dev.poet.runtime.event.InMemoryEventSink;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/**
 * Builds one method's enhancement in-process as the pipeline does (render, compile with Janino, audit, loop
 * budget, instantiate) and dispatches calls through {@link Dispatcher}, without an agent.
 */
public final class DomainHarness {

    private static final AtomicInteger IDS = new AtomicInteger(100_000);

    public final ActiveMethod active;
    public final InMemoryEventSink events = new InMemoryEventSink();
    public final String source;
    private final Method method;
    private final int id;

    private DomainHarness(Method method, Template template, Map<String, String> overrides, PhaseEventSink also,
                          String optimizeFor) throws Exception {
        this.method = method;
        this.id = IDS.incrementAndGet();
        Class<?> type = method.getDeclaringClass();
        String[] names = GenerationFacts.read(type.getClassLoader(), type.getName())
                .method(method.getName(), org.objectweb.asm.Type.getMethodDescriptor(method)).parameterNames();
        MethodModel model = MethodModel.forMethod("M0", "test~" + method.getName(), method, names);
        String unit = "Test_" + template.domain() + "_" + method.getName() + "_" + id;
        this.source = new TemplateRenderer().render(template, unit, type.getName(), List.of(model));
        Map<String, Class<?>> appTypes = new LinkedHashMap<>();
        appTypes.put(type.getName(), type);
        EnhancementLoader loader = new EnhancementLoader(type.getName(), appTypes);
        Map<String, byte[]> classes = new JaninoCompiler().compile(unit + ".java", source, loader);
        AuditResult audit = new BytecodeAuditor().audit(classes, AuditPolicy.forMethod(method));
        if (!audit.isPassed()) {
            throw new AssertionError("audit rejected template " + template.domain() + ": " + audit.describe());
        }
        loader.addClasses(new LoopBudgetInjector().inject(classes));
        Map<String, Object> params = new LinkedHashMap<>(template.defaults());
        params.putAll(overrides);
        MethodStats stats = new MethodStats();
        MethodContext context = new MethodContext(id, "test~" + method.getName(), type.getName(), method.getName(),
                org.objectweb.asm.Type.getMethodDescriptor(method), method.getParameterTypes(), names,
                method.getReturnType(), method.getExceptionTypes(), Modifier.isStatic(method.getModifiers()),
                Modifier.isSynchronized(method.getModifiers()), template.domain(), new ParamsRef(Params.of(params)),
                also == null ? events : new PhaseEventSink() {
                    @Override
                    public void emit(dev.poet.runtime.event.PhaseEvent event) {
                        events.emit(event);
                        also.emit(event);
                    }
                }, stats, dev.poet.bridge.record.RecordingPolicy.of(optimizeFor, true));
        Class<?> generated = Class.forName(TemplateRenderer.PACKAGE + "." + unit + "$M0", true, loader);
        Enhancement enhancement = (Enhancement) generated.getConstructor(MethodContext.class).newInstance(context);
        this.active = new ActiveMethod(context, enhancement, new PrivateLookupOriginalHandles().originalOf(method), "test");
    }

    /** The bundled templates (on the test class path). */
    public static TemplateRepository bundled() {
        return new TemplateRepository(null, null, DomainHarness.class.getClassLoader());
    }

    public static DomainHarness of(Class<?> type, String methodName, String domain, String... keysAndValues)
            throws Exception {
        return of(bundled(), type, methodName, domain, keysAndValues);
    }

    public static DomainHarness of(TemplateRepository repo, Class<?> type, String methodName, String domain,
                                   String... keysAndValues) throws Exception {
        return of(repo, type, methodName, domain, null, keysAndValues);
    }

    /** As {@link #of(Class, String, String, String...)}, every phase event going to {@code also} too. */
    public static DomainHarness withSink(PhaseEventSink also, Class<?> type, String methodName, String domain,
                                         String... keysAndValues) throws Exception {
        return of(bundled(), type, methodName, domain, also, keysAndValues);
    }

    /** As {@link #withSink}, for a method with {@code optimize-for=optimizeFor}. */
    public static DomainHarness optimizing(String optimizeFor, PhaseEventSink also, Class<?> type,
                                           String methodName, String domain, String... keysAndValues)
            throws Exception {
        String[] withObjective = java.util.Arrays.copyOf(keysAndValues, keysAndValues.length + 2);
        withObjective[keysAndValues.length] = "optimize-for";
        withObjective[keysAndValues.length + 1] = optimizeFor;
        return of(bundled(), type, methodName, domain, also, optimizeFor, withObjective);
    }

    private static DomainHarness of(TemplateRepository repo, Class<?> type, String methodName, String domain,
                                    PhaseEventSink also, String... keysAndValues) throws Exception {
        return of(repo, type, methodName, domain, also, null, keysAndValues);
    }

    private static DomainHarness of(TemplateRepository repo, Class<?> type, String methodName, String domain,
                                    PhaseEventSink also, String optimizeFor, String... keysAndValues)
            throws Exception {
        Method found = null;
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(methodName)) {
                found = m;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no method " + methodName);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            overrides.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new DomainHarness(found, repo.find(domain), overrides, also, optimizeFor);
    }

    /** The outcome through the enhancement; when the dispatcher says "run the original", the original's. */
    public Outcome call(Object self, Object... args) {
        Outcome outcome = Dispatcher.dispatch(active, id, method.getDeclaringClass(), self, args.clone());
        if (outcome != null) {
            return outcome;
        }
        return direct(method, self, args);
    }

    /** The returned value, or the thrown exception rethrown. */
    public Object invoke(Object self, Object... args) throws Throwable {
        Outcome o = call(self, args);
        if (o.thrown != null) {
            throw o.thrown;
        }
        return o.value;
    }

    /** Calls the original directly (reflection), as the outcome. */
    public static Outcome direct(Method method, Object self, Object... args) {
        try {
            method.setAccessible(true);
            return Outcome.returning(method.invoke(self, args));
        } catch (InvocationTargetException e) {
            return Outcome.throwing(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    public long ownFailures() {
        return active.context().stats().ownFailures.sum();
    }

    static Path repoTemplates() {
        return Path.of("..", "templates");
    }
}
